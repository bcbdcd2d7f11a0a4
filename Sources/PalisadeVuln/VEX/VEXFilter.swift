import PalisadeSBOM

/// What VEX says about one vulnerability in one package, when that lets the finding be suppressed.
public struct VEXDecision: Sendable, Hashable {
    /// `.notAffected` or `.fixed`; statements with other statuses never produce a decision.
    public var status: VEXStatus
    public var justification: String?
    public var impact: String?
    /// The VEX file and the statement's index in it, for the suppression note.
    public var file: String
    public var statementIndex: Int

    public init(status: VEXStatus, justification: String?, impact: String?, file: String, statementIndex: Int) {
        self.status = status
        self.justification = justification
        self.impact = impact
        self.file = file
        self.statementIndex = statementIndex
    }

    /// `vex.json statement 3`, for notes and report evidence.
    public var source: String { "\(file) statement \(statementIndex)" }
}

/// Applies VEX documents to findings. A statement applies when one of its vulnerability ids
/// equals (case-insensitively) one of the finding's ids (advisory id and aliases) and one of
/// its products matches the package's purl. Of the applicable statements the newest wins
/// (timestamp, then later document/statement order), so a later "affected" revokes an
/// earlier "not_affected"; only a winning not_affected/fixed gives a decision.
public struct VEXFilter: Sendable {
    struct Entry: Sendable {
        var file: String
        var order: Int
        var statement: VEXStatement
        var ids: Set<String>
        var products: [Product]
    }

    /// A product id parsed once: a purl, or a raw id compared as written.
    enum Product: Sendable {
        case purl(PackageURL)
        case raw(String)
    }

    private let entries: [Entry]

    public init(_ documents: [VEXDocument]) {
        var entries: [Entry] = []
        for document in documents {
            for statement in document.statements {
                entries.append(
                    Entry(
                        file: document.file, order: entries.count, statement: statement,
                        ids: Set(statement.vulnerabilityIDs.map { $0.lowercased() }),
                        products: statement.products.map { id in
                            PackageURL.parse(id).map(Product.purl) ?? .raw(id)
                        }))
            }
        }
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    public func decision(vulnerabilityIDs: [String], packagePurl: String) -> VEXDecision? {
        let wanted = Set(vulnerabilityIDs.map { $0.lowercased() })
        let package = PackageURL.parse(packagePurl)
        var best: Entry?
        for entry in entries where !entry.ids.isDisjoint(with: wanted) {
            guard entry.products.contains(where: { Self.matches($0, package: package, raw: packagePurl) }) else {
                continue
            }
            if let current = best, !Self.isNewer(entry, than: current) { continue }
            best = entry
        }
        guard let best, best.statement.status.suppresses else { return nil }
        return VEXDecision(
            status: best.statement.status, justification: best.statement.justification,
            impact: best.statement.impact, file: best.file, statementIndex: best.statement.index)
    }

    static func isNewer(_ a: Entry, than b: Entry) -> Bool {
        let ta = a.statement.timestamp ?? ""
        let tb = b.statement.timestamp ?? ""
        if ta != tb && !ta.isEmpty && !tb.isEmpty { return ta > tb }
        return a.order > b.order
    }

    /// Type, namespace and name must agree; version only when the statement gives one;
    /// qualifiers only those the statement gives.
    static func matches(_ product: Product, package: PackageURL?, raw: String) -> Bool {
        switch product {
        case .raw(let id):
            return id == raw
        case .purl(let statement):
            guard let package, statement.type == package.type, statement.namespace == package.namespace,
                statement.name == package.name
            else { return false }
            if let version = statement.version, version != package.version { return false }
            for (key, value) in statement.qualifiers where package.qualifiers[key] != value { return false }
            if let subpath = statement.subpath, subpath != package.subpath { return false }
            return true
        }
    }
}
