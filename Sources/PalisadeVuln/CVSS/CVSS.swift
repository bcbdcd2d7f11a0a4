/// One entry point for callers holding a vector of unknown version (OSV `severity[].score`,
/// NVD `vectorString`): dispatches on the `CVSS:` prefix and recomputes the base score from the
/// vector itself, so a score or label written next to the vector in an advisory is never trusted.
public enum CVSS {
    /// Base score, its severity rating and the vector's version (`3.0`, `3.1` or `4.0`); nil when
    /// the vector is not a valid CVSS v3.x or v4.0 vector.
    public static func baseScore(vector: String) -> (score: Double, severity: CVSSSeverity, version: String)? {
        if vector.hasPrefix("CVSS:4.0/") {
            guard let parsed = CVSSv4(vector: vector) else { return nil }
            return (parsed.baseScore, parsed.severity, "4.0")
        }
        guard let parsed = CVSSv3(vector: vector) else { return nil }
        return (parsed.baseScore, parsed.severity, parsed.version)
    }
}
