/// The Pod Security Standards level a control belongs to.
public enum PodSecurityLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case privileged
    case baseline
    case restricted

    private var rank: Int {
        switch self {
        case .privileged: 0
        case .baseline: 1
        case .restricted: 2
        }
    }

    public static func < (lhs: PodSecurityLevel, rhs: PodSecurityLevel) -> Bool { lhs.rank < rhs.rank }
}

/// A Pod Security Standards control, as named in the Kubernetes documentation.
public struct PodSecurityMapping: Sendable, Codable, Hashable {
    public var level: PodSecurityLevel
    public var control: String

    public init(level: PodSecurityLevel, control: String) {
        self.level = level
        self.control = control
    }
}

/// NIST SP 800-190 risk areas.
public enum NISTRiskArea: String, Sendable, Codable, CaseIterable {
    case image
    case registry
    case orchestrator
    case container
    case host
}

/// Where a rule sits in the frameworks security teams report against.
/// Every field is optional: a rule maps to what genuinely applies, nothing more.
public struct FrameworkMappings: Sendable, Codable, Hashable {
    /// Pod Security Standards level and control.
    public var pss: PodSecurityMapping?
    /// CIS Kubernetes Benchmark sections, e.g. `5.2.2`.
    public var cis: [String]
    /// NSA/CISA Kubernetes Hardening Guide topics, e.g. `Pod security: non-root containers`.
    public var nsa: [String]
    /// MITRE ATT&CK for Containers technique ids, e.g. `T1611`.
    public var mitre: [String]
    /// NIST SP 800-190 risk areas.
    public var nist: [NISTRiskArea]

    public init(
        pss: PodSecurityMapping? = nil, cis: [String] = [], nsa: [String] = [], mitre: [String] = [],
        nist: [NISTRiskArea] = [.orchestrator]
    ) {
        self.pss = pss
        self.cis = cis
        self.nsa = nsa
        self.mitre = mitre
        self.nist = nist
    }

    enum CodingKeys: String, CodingKey { case pss, cis, nsa, mitre, nist }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(pss, forKey: .pss)
        try c.encode(cis, forKey: .cis)
        try c.encode(nsa, forKey: .nsa)
        try c.encode(mitre, forKey: .mitre)
        try c.encode(nist, forKey: .nist)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pss = try c.decodeIfPresent(PodSecurityMapping.self, forKey: .pss)
        cis = try c.decodeIfPresent([String].self, forKey: .cis) ?? []
        nsa = try c.decodeIfPresent([String].self, forKey: .nsa) ?? []
        mitre = try c.decodeIfPresent([String].self, forKey: .mitre) ?? []
        nist = try c.decodeIfPresent([NISTRiskArea].self, forKey: .nist) ?? []
    }
}
