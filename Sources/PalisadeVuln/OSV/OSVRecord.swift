/// One OSV advisory (https://ossf.github.io/osv-schema/), reduced to what matching and reporting
/// need. `database_specific` and `ecosystem_specific` are ignored for matching on purpose: their
/// shapes differ per database and the schema gives them no matching semantics. Only a plain
/// `database_specific.severity` word (GHSA) is kept, as the severity of last resort.
public struct OSVRecord: Sendable, Hashable {
    public var id: String
    public var modified: String
    public var published: String?
    /// Set when the advisory was retracted; such records are removed on import.
    public var withdrawn: String?
    public var aliases: [String]
    public var summary: String?
    public var affected: [OSVAffected]
    public var severity: [OSVSeverity]
    public var references: [String]
    /// `database_specific.severity` when it is a plain word (`HIGH`, `MODERATE`), else nil.
    public var databaseSeverity: String?

    public init(
        id: String, modified: String, published: String? = nil, withdrawn: String? = nil, aliases: [String] = [],
        summary: String? = nil, affected: [OSVAffected] = [], severity: [OSVSeverity] = [], references: [String] = [],
        databaseSeverity: String? = nil
    ) {
        self.databaseSeverity = databaseSeverity
        self.id = id
        self.modified = modified
        self.published = published
        self.withdrawn = withdrawn
        self.aliases = aliases
        self.summary = summary
        self.affected = affected
        self.severity = severity
        self.references = references
    }

    /// The record without its `affected[]` list; `aliases` are only the record's own.
    public var header: AdvisoryHeader {
        AdvisoryHeader(
            id: id, aliases: aliases, summary: summary, published: published, modified: modified, severity: severity,
            databaseSeverity: databaseSeverity, references: references)
    }
}

/// `affected[]`: one package and the versions of it the advisory covers.
public struct OSVAffected: Sendable, Hashable {
    public var ecosystem: String
    public var name: String
    public var purl: String?
    public var ranges: [OSVRange]
    /// Explicit affected versions, as listed (many databases enumerate them).
    public var versions: OSVVersionList
    /// `severity[]` given for this package only (overrides the record's).
    public var severity: [OSVSeverity]

    public init(
        ecosystem: String, name: String, purl: String? = nil, ranges: [OSVRange] = [], versions: [String] = [],
        severity: [OSVSeverity] = []
    ) {
        self.ecosystem = ecosystem
        self.name = name
        self.purl = purl
        self.ranges = ranges
        self.versions = OSVVersionList(versions)
        self.severity = severity
    }

    /// For stores that keep the version list in its encoded form.
    public init(
        ecosystem: String, name: String, purl: String?, ranges: [OSVRange], listedVersions: OSVVersionList,
        severity: [OSVSeverity]
    ) {
        self.ecosystem = ecosystem
        self.name = name
        self.purl = purl
        self.ranges = ranges
        self.versions = listedVersions
        self.severity = severity
    }
}

/// `ranges[]`: a sequence of events over one ordering of versions.
public struct OSVRange: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Versions ordered by the package ecosystem's own rules.
        case ecosystem
        /// Versions ordered by SemVer 2.0.
        case semver
        /// Commit hashes: not comparable as package versions (matched only via `versions`).
        case git
        case other(String)
    }

    public var kind: Kind
    public var events: [OSVEvent]

    public init(kind: Kind, events: [OSVEvent]) {
        self.kind = kind
        self.events = events
    }
}

/// One `events[]` entry.
public enum OSVEvent: Sendable, Hashable {
    case introduced(String)
    case fixed(String)
    case lastAffected(String)
    case limit(String)

    public var version: String {
        switch self {
        case .introduced(let v), .fixed(let v), .lastAffected(let v), .limit(let v): v
        }
    }
}

/// `severity[]`: a scoring system and its vector or value. Scores are recomputed from vectors,
/// never trusted as text.
public struct OSVSeverity: Sendable, Hashable {
    /// `CVSS_V2`, `CVSS_V3`, `CVSS_V4`, `Ubuntu`, …
    public var type: String
    public var score: String

    public init(type: String, score: String) {
        self.type = type
        self.score = score
    }
}
