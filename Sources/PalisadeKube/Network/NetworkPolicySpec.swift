import PalisadeFormats

/// Something wrong in a NetworkPolicy that the API server would reject (bad CIDR, operator, port,
/// peer), with the node it is about so the finding points at the right line.
public struct NetworkPolicyProblem: Sendable {
    public var message: String
    public var node: YAMLNode
}

/// Layer-4 protocols a NetworkPolicy port can name; `TCP` when omitted.
public enum NetworkProtocol: String, Sendable, Hashable, CaseIterable, Codable {
    case tcp = "TCP"
    case udp = "UDP"
    case sctp = "SCTP"
}

/// One entry of a rule's `ports`.
public struct NetworkPolicyPort: Sendable {
    public enum Port: Sendable, Hashable {
        /// No `port`: every port of the protocol.
        case any
        /// `port` (and `endPort`, else the same number): an inclusive range.
        case range(Int, Int)
        /// A container port name, resolved against the destination pod.
        case named(String)
        /// Unreadable (bad protocol, port out of range, endPort without numeric port): matches nothing.
        case invalid
    }

    public var proto: NetworkProtocol
    public var port: Port
    public var node: YAMLNode
}

/// One entry of `from` / `to`.
public struct NetworkPolicyPeer: Sendable {
    public enum Kind: Sendable {
        /// `podSelector` and/or `namespaceSelector` in one peer: both must match (AND). A missing
        /// `namespaceSelector` means the policy's own namespace; a missing `podSelector` all pods.
        case selectors(pods: LabelSelector?, namespaces: LabelSelector?)
        /// `ipBlock`: `cidr` minus every `except`, kept as the exact address set.
        case ipBlock(cidr: String, addresses: IPRangeSet)
        /// A peer the API server would reject (empty, ipBlock mixed with selectors, bad CIDR): matches nothing.
        case invalid
    }

    public var kind: Kind
    public var node: YAMLNode
}

/// One ingress or egress rule. `peers == nil` (no `from`/`to`, or an empty list) admits every
/// source/destination; `ports == nil` (absent or empty) every port.
public struct NetworkPolicyRule: Sendable {
    public var index: Int
    public var peers: [NetworkPolicyPeer]?
    public var ports: [NetworkPolicyPort]?
    public var node: YAMLNode
}

/// Traffic directions a policy governs.
public enum NetworkDirection: String, Sendable, Hashable, Codable {
    case ingress
    case egress

    /// The field name in a policy (`ingress`, `egress`) and its `policyTypes` spelling.
    public var policyType: String { self == .ingress ? "Ingress" : "Egress" }
}

/// A NetworkPolicy as the evaluator needs it, with positions for explanations and findings.
public struct NetworkPolicySpec: Sendable {
    public var object: KubeObject
    /// The policy's namespace (`default` when the manifest names none).
    public var namespace: String
    public var podSelector: LabelSelector
    /// From `policyTypes`, or the default: Ingress always, Egress when `egress` has rules.
    public var affectsIngress: Bool
    public var affectsEgress: Bool
    public var ingress: [NetworkPolicyRule]
    public var egress: [NetworkPolicyRule]
    public var problems: [NetworkPolicyProblem]

    public var name: String { object.name }

    public func affects(_ direction: NetworkDirection) -> Bool {
        direction == .ingress ? affectsIngress : affectsEgress
    }

    public func rules(_ direction: NetworkDirection) -> [NetworkPolicyRule] {
        direction == .ingress ? ingress : egress
    }

    /// `NetworkPolicy ns/name (file:line)`.
    public var label: String { "NetworkPolicy \(namespace)/\(name) (\(object.file):\(object.mark.line))" }
}
