/// One side of a connection to decide: an endpoint of the model or an address outside the cluster.
public enum NetworkAddress: Sendable, Hashable {
    /// Index into `NetworkModel.endpoints`.
    case endpoint(Int)
    case external(IPAddress)
}

/// A rule (and the peer and port entry in it) that admitted a connection.
public struct NetworkRuleMatch: Sendable, Hashable {
    /// Index into `NetworkModel.policies`.
    public var policy: Int
    public var direction: NetworkDirection
    public var rule: Int
    /// Index in `from`/`to`; `nil` when the rule lists no peers (admits every peer).
    public var peer: Int?
    /// Index in `ports`; `nil` when the rule lists no ports (admits every port).
    public var port: Int?
}

/// The verdict of one direction: egress from the source, or ingress to the destination.
public struct NetworkDirectionDecision: Sendable, Hashable {
    public var direction: NetworkDirection
    /// False when that side is outside the cluster: no policy governs it.
    public var applies: Bool
    /// Policies of this direction selecting the pod; empty means not isolated (all traffic allowed).
    public var selectingPolicies: [Int]
    /// Every rule that admits the connection.
    public var matches: [NetworkRuleMatch]

    public var isolated: Bool { !selectingPolicies.isEmpty }
    public var allowed: Bool { !applies || !isolated || !matches.isEmpty }
}

/// Whether a connection is allowed, and why: egress from the source AND ingress to the destination
/// must both allow it.
public struct NetworkDecision: Sendable, Hashable {
    public var from: NetworkAddress
    public var to: NetworkAddress
    public var port: Int
    public var proto: NetworkProtocol
    public var egress: NetworkDirectionDecision
    public var ingress: NetworkDirectionDecision

    public var allowed: Bool { egress.allowed && ingress.allowed }
}
