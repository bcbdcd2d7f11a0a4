/// A Package URL (https://github.com/package-url/purl-spec): the identifier SBOM consumers and
/// vulnerability databases (OSV, GitHub advisories, Grype) key packages by. Building it in one
/// place keeps every cataloger's purls canonical, so the same package found by two catalogers
/// or in two images compares equal as a string.
///
/// The initialiser applies the spec's per-type normalisation (lower-casing, PyPI's `_` → `-`,
/// Go module paths split into namespace and name) and `description` gives the canonical string:
/// `pkg:type/namespace/name@version?qualifiers#subpath`, qualifiers sorted by key, components
/// percent-encoded except for the unreserved characters and `:`.
public struct PackageURL: Sendable, Hashable, CustomStringConvertible {
    /// Lower-case type (`deb`, `npm`, `maven`, …).
    public let type: String
    /// Namespace after normalisation; nil when absent or empty.
    public let namespace: String?
    public let name: String
    public let version: String?
    /// Qualifiers with lower-cased keys; empty values are dropped, as the spec requires.
    public let qualifiers: [String: String]
    /// Subpath with empty, `.` and `..` segments removed; nil when nothing remains.
    public let subpath: String?

    public init(
        type: String, namespace: String? = nil, name: String, version: String? = nil,
        qualifiers: [String: String] = [:], subpath: String? = nil
    ) {
        let lowerType = type.lowercased()
        var normalisedNamespace = namespace.map(Self.trimSlashes).flatMap { $0.isEmpty ? nil : $0 }
        var normalisedName = name
        if lowerType == "golang" && normalisedNamespace == nil, let slash = name.lastIndex(of: "/") {
            // Go modules are written as one path; purl puts all but the last element in the namespace.
            normalisedNamespace = String(name[..<slash])
            normalisedName = String(name[name.index(after: slash)...])
        }
        switch PURLTypeRules.caseRule(for: lowerType) {
        case .namespaceAndName:
            normalisedNamespace = normalisedNamespace?.lowercased()
            normalisedName = normalisedName.lowercased()
        case .namespaceOnly:
            normalisedNamespace = normalisedNamespace?.lowercased()
        case .none:
            break
        }
        if lowerType == "pypi" {
            normalisedName = String(normalisedName.map { $0 == "_" ? "-" : $0 })
        }
        var lowerQualifiers: [String: String] = [:]
        for (key, value) in qualifiers where !value.isEmpty {
            lowerQualifiers[key.lowercased()] = value
        }
        let subpathSegments = (subpath ?? "").split(separator: "/").filter { $0 != "." && $0 != ".." }
        self.type = lowerType
        self.namespace = normalisedNamespace
        self.name = normalisedName
        self.version = version.flatMap { $0.isEmpty ? nil : $0 }
        self.qualifiers = lowerQualifiers
        self.subpath = subpathSegments.isEmpty ? nil : subpathSegments.joined(separator: "/")
    }

    /// The canonical purl string.
    public var description: String {
        var out = "pkg:" + type + "/"
        if let namespace {
            for segment in namespace.split(separator: "/") {
                out += PURLPercentEncoding.encode(segment) + "/"
            }
        }
        out += PURLPercentEncoding.encode(name)
        if let version {
            out += "@" + PURLPercentEncoding.encode(version)
        }
        if !qualifiers.isEmpty {
            let pairs = qualifiers.keys.sorted().map { key in
                key + "=" + PURLPercentEncoding.encode(qualifiers[key] ?? "")
            }
            out += "?" + pairs.joined(separator: "&")
        }
        if let subpath {
            out += "#" + subpath.split(separator: "/").map { PURLPercentEncoding.encode($0) }.joined(separator: "/")
        }
        return out
    }

    private static func trimSlashes(_ value: String) -> String {
        value.split(separator: "/").joined(separator: "/")
    }
}
