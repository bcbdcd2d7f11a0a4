import PalisadeCore
import PalisadeFormats

/// What cross-object rules need to know about one object, kept after its tree is released.
public struct ObjectSummary: Sendable {
    public var reference: ObjectReference
    public var file: String
    public var mark: SourceMark
    public var labels: [String: String]
    /// Labels of the pod template, for workloads.
    public var podLabels: [String: String]?
    /// For NetworkPolicy objects: the pods they select and which directions they cover.
    public var networkPolicy: NetworkPolicySummary?

    public var isWorkload: Bool { podLabels != nil }

    public init(_ object: KubeObject, pod: PodSpecView?) {
        self.reference = object.reference
        self.file = object.file
        self.mark = object.mark
        self.labels = object.labels
        self.podLabels = pod.map { $0.podLabels }
        // Only Kubernetes NetworkPolicies: Calico's and Cilium's have other shapes and must not count as covering pods.
        self.networkPolicy =
            object.kind == "NetworkPolicy" && object.apiGroup == "networking.k8s.io"
            ? NetworkPolicySummary(object) : nil
    }
}

/// The parts of a NetworkPolicy that decide which pods it isolates.
public struct NetworkPolicySummary: Sendable {
    /// `spec.podSelector` as match labels; `nil` when it uses expressions we treat conservatively.
    public var matchLabels: [String: String]
    public var matchExpressions: [LabelSelectorRequirement]
    public var coversIngress: Bool
    public var coversEgress: Bool

    public init?(_ object: KubeObject) {
        guard let spec = object.spec else { return nil }
        let selector = spec["podSelector"]
        matchLabels = selector?["matchLabels"]?.stringMap ?? [:]
        matchExpressions = selector?["matchExpressions"]?.list.compactMap(LabelSelectorRequirement.init) ?? []
        let types = spec["policyTypes"]?.list.compactMap(\.string)
        if let types, !types.isEmpty {
            coversIngress = types.contains("Ingress")
            coversEgress = types.contains("Egress")
        } else {
            coversIngress = true
            coversEgress = spec["egress"] != nil
        }
    }

    /// Whether the policy's pod selector selects a pod with these labels.
    public func selects(_ labels: [String: String]) -> Bool {
        for (k, v) in matchLabels where labels[k] != v { return false }
        return matchExpressions.allSatisfy { $0.matches(labels) }
    }
}

/// One `matchExpressions` entry of a label selector.
public struct LabelSelectorRequirement: Sendable, Hashable {
    public var key: String
    public var op: String
    public var values: [String]

    public init?(_ node: YAMLNode) {
        guard let key = node["key"]?.string, let op = node["operator"]?.string else { return nil }
        self.key = key
        self.op = op
        self.values = node["values"]?.list.compactMap(\.string) ?? []
    }

    public func matches(_ labels: [String: String]) -> Bool {
        switch op {
        case "In": labels[key].map { values.contains($0) } ?? false
        case "NotIn": labels[key].map { !values.contains($0) } ?? true
        case "Exists": labels[key] != nil
        case "DoesNotExist": labels[key] == nil
        default: false
        }
    }
}
