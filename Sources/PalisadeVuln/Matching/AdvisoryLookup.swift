/// What the matcher needs from wherever advisories live: the in-memory `AdvisoryIndex` (tests,
/// `sbom scan` of small inputs) or the SQLite store of `PalisadeVulnDB`. Two calls, so a store
/// decodes only the `affected[]` entries of packages that are installed, and the header of an
/// advisory only when it matched.
public protocol AdvisoryLookup {
    /// Every `affected[]` entry for this OSV ecosystem and package name (compared in the
    /// ecosystem's canonical form, see `AdvisoryNames.canonical`), with its advisory's id.
    /// Withdrawn advisories are never returned.
    func affectedEntries(ecosystem: String, name: String) throws(AdvisoryLookupError) -> [AdvisoryCandidate]

    /// The advisory's header, with `aliases` already linked in both directions: the ids it names
    /// and the ids of advisories that name it (a GHSA that lists a PYSEC as alias).
    func advisory(id: String) throws(AdvisoryLookupError) -> AdvisoryHeader?
}

/// One `affected[]` entry and the advisory it belongs to.
public struct AdvisoryCandidate: Sendable, Hashable {
    public var advisoryID: String
    public var affected: OSVAffected

    public init(advisoryID: String, affected: OSVAffected) {
        self.advisoryID = advisoryID
        self.affected = affected
    }
}

/// An advisory without its `affected[]` list: what a report shows about it.
public struct AdvisoryHeader: Sendable, Hashable {
    public var id: String
    /// All other ids of the same vulnerability (CVE, GHSA, PYSEC, DSA, …), linked both ways.
    public var aliases: [String]
    public var summary: String?
    public var published: String?
    public var modified: String
    /// Record-level `severity[]` (vectors are rescored, never trusted as text).
    public var severity: [OSVSeverity]
    /// A severity word the database gives when it has no vector (`database_specific.severity`
    /// of GHSA, Ubuntu's priority): `CRITICAL`, `HIGH`, `MODERATE`, `MEDIUM`, `LOW`, …
    public var databaseSeverity: String?
    public var references: [String]

    public init(
        id: String, aliases: [String] = [], summary: String? = nil, published: String? = nil, modified: String,
        severity: [OSVSeverity] = [], databaseSeverity: String? = nil, references: [String] = []
    ) {
        self.id = id
        self.aliases = aliases
        self.summary = summary
        self.published = published
        self.modified = modified
        self.severity = severity
        self.databaseSeverity = databaseSeverity
        self.references = references
    }
}

/// A store that cannot be read (corrupt file, I/O error): the scan stops with this one line.
public struct AdvisoryLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

/// Package names as advisories compare them.
public enum AdvisoryNames {
    /// PyPI names compare case-insensitively with runs of `-`, `_`, `.` equal (PEP 503); other
    /// ecosystems compare names exactly.
    public static func canonical(_ name: String, ecosystem: String) -> String {
        guard ecosystem == "PyPI" else { return name }
        var out = ""
        var lastWasSeparator = false
        for c in name.lowercased() {
            if c == "-" || c == "_" || c == "." {
                if !lastWasSeparator { out.append("-") }
                lastWasSeparator = true
            } else {
                out.append(c)
                lastWasSeparator = false
            }
        }
        return out
    }
}
