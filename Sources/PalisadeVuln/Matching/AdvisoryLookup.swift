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
        var name = name
        // ASCII names (all of PyPI's in practice) in bytes: this runs once per installed package.
        switch name.withUTF8({ asciiCanonical($0) }) {
        case .alreadyCanonical: return name
        case .rewritten(let canonical): return canonical
        case .notASCII: return unicodeCanonical(name)
        }
    }

    /// PEP 503 on Unicode text: the general case, and the reference the ASCII path is tested against.
    static func unicodeCanonical(_ name: String) -> String {
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

    private enum ASCIICanonical {
        case alreadyCanonical
        case rewritten(String)
        case notASCII
    }

    private static func asciiCanonical(_ utf8: UnsafeBufferPointer<UInt8>) -> ASCIICanonical {
        var clean = true
        var lastWasSeparator = false
        for b in utf8 {
            if b >= 0x80 { return .notASCII }
            let separator = b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
            if (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (separator && (b != UInt8(ascii: "-") || lastWasSeparator))
            {
                clean = false
            }
            lastWasSeparator = separator
        }
        if clean { return .alreadyCanonical }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        lastWasSeparator = false
        for b in utf8 {
            if b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") {
                if !lastWasSeparator { out.append(UInt8(ascii: "-")) }
                lastWasSeparator = true
            } else {
                out.append(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
                lastWasSeparator = false
            }
        }
        return .rewritten(String(decoding: out, as: UTF8.self))
    }
}
