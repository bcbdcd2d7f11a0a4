import PalisadeCore

/// A VEX status as OpenVEX names it; CycloneDX analysis states map onto these.
public enum VEXStatus: String, Sendable, Hashable, Codable {
    case notAffected = "not_affected"
    case affected
    case fixed
    case underInvestigation = "under_investigation"

    /// Only these let a finding be suppressed: the others say the product is or may be exposed.
    public var suppresses: Bool { self == .notAffected || self == .fixed }
}

/// One claim of a VEX document: these vulnerabilities have this status in these products.
public struct VEXStatement: Sendable, Hashable {
    /// Position in its document (0-based), so a decision can say which statement made it.
    public var index: Int
    /// Vulnerability name, `@id` and aliases (OpenVEX) or `id` and `references[].id` (CycloneDX).
    public var vulnerabilityIDs: [String]
    /// Product identifiers: purls where the document gives them, otherwise the raw id/ref.
    /// OpenVEX subcomponents are listed here too: the statement applies to them.
    public var products: [String]
    public var status: VEXStatus
    public var justification: String?
    /// OpenVEX `impact_statement` / CycloneDX `analysis.detail`.
    public var impact: String?
    /// The statement's own timestamp, else the document's (ISO 8601).
    public var timestamp: String?

    public init(
        index: Int, vulnerabilityIDs: [String], products: [String], status: VEXStatus, justification: String? = nil,
        impact: String? = nil, timestamp: String? = nil
    ) {
        self.index = index
        self.vulnerabilityIDs = vulnerabilityIDs
        self.products = products
        self.status = status
        self.justification = justification
        self.impact = impact
        self.timestamp = timestamp
    }
}

/// Why a VEX document could not be read: the project's one-line input error (`FILE:LINE: reason`).
public typealias VEXParseError = InputError
