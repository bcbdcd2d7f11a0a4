import PalisadeFormats

/// A container of a pod spec, whichever list it came from.
public struct ContainerView: Sendable {
    public enum Kind: String, Sendable {
        case container = "containers"
        case initContainer = "initContainers"
        case ephemeralContainer = "ephemeralContainers"
    }

    /// Everything lives in one immutable object, so handing a container to each rule (every rule
    /// iterates `pod.containers`) costs one reference count, not one per field.
    let facts: ContainerFacts

    public var node: YAMLNode {
        // Borrowed, not copied: rules read `c.node[...]` many times per container.
        _read { yield facts.node }
    }
    public var kind: Kind { facts.kind }
    public var index: Int { facts.index }

    public init(node: YAMLNode, kind: Kind, index: Int) {
        self.facts = ContainerFacts(node: node, kind: kind, index: index)
    }

    public var name: String { node["name"]?.string ?? "\(kind.rawValue)[\(index)]" }
    public var image: String? { facts.image?.text }
    public var securityContext: YAMLNode? { facts.securityContext }

    /// "container \"web\"" / "init container \"setup\"": how messages name a container.
    public var label: String { facts.label }
}

/// What every rule would otherwise look up or build again for each container: its message label, its
/// securityContext mapping and its parsed image reference. Immutable, one per container.
final class ContainerFacts: Sendable {
    let node: YAMLNode
    let kind: ContainerView.Kind
    let index: Int
    let label: String
    let securityContext: YAMLNode?
    let image: ContainerImage?

    init(node: YAMLNode, kind: ContainerView.Kind, index: Int) {
        self.node = node
        self.kind = kind
        self.index = index
        let name = node["name"]?.string ?? "\(kind.rawValue)[\(index)]"
        switch kind {
        case .container: label = "container \"\(name)\""
        case .initContainer: label = "init container \"\(name)\""
        case .ephemeralContainer: label = "ephemeral container \"\(name)\""
        }
        securityContext = node["securityContext"].flatMap { $0.isMapping ? $0 : nil }
        if let imageNode = node["image"], let text = imageNode.string {
            image = ContainerImage(node: imageNode, text: text, reference: ImageReference(text))
        } else {
            image = nil
        }
    }
}

/// A container's `image` field: its node, text and reference (`nil` when empty or templated).
struct ContainerImage: Sendable {
    let node: YAMLNode
    let text: String
    let reference: ImageReference?
}

/// The pod spec inside any workload (Pod, Deployment, CronJob, …) plus its pod metadata,
/// so pod-level checks are written once for every workload kind.
public struct PodSpecView: Sendable {
    public var object: KubeObject
    /// The pod spec mapping (`spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`).
    public var spec: YAMLNode
    /// The pod's metadata (`metadata` or the template's), for annotations and labels.
    public var podMetadata: YAMLNode?

    /// Workload kinds and where their pod template lives.
    /// Besides the built-in kinds: OpenShift DeploymentConfigs and Argo Rollouts, whose pod
    /// templates sit where a Deployment's does (kube-linter checks DeploymentConfigs too).
    public static func podSpecPath(forKind kind: String, apiGroup: String = "") -> [String]? {
        switch kind {
        case "Pod": []
        case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController":
            ["spec", "template"]
        case "CronJob": ["spec", "jobTemplate", "spec", "template"]
        case "PodTemplate": ["template"]
        case "DeploymentConfig" where apiGroup == "apps.openshift.io" || apiGroup == "":
            ["spec", "template"]
        case "Rollout" where apiGroup == "argoproj.io": ["spec", "template"]
        default: nil
        }
    }

    /// The pod template of a workload given as a bare tree (admission requests, before a `KubeObject`
    /// exists): its path from the root and the template node (whose `spec` is the pod spec).
    public static func template(of root: YAMLNode) -> (path: [String], node: YAMLNode)? {
        guard let kind = root["kind"]?.string else { return nil }
        let apiVersion = root["apiVersion"]?.string ?? ""
        let group = apiVersion.firstIndex(of: "/").map { String(apiVersion[..<$0]) } ?? ""
        guard let path = podSpecPath(forKind: kind, apiGroup: group) else { return nil }
        var node: YAMLNode? = root
        for key in path { node = node?[key] }
        return node.map { (path, $0) }
    }

    /// Builds the view, or `nil` when the object is not a workload or has no pod spec mapping.
    public init?(_ object: KubeObject) {
        guard let path = Self.podSpecPath(forKind: object.kind, apiGroup: object.apiGroup) else { return nil }
        var template: YAMLNode? = object.root
        for key in path { template = template?[key] }
        guard let template, let spec = template["spec"], spec.isMapping else { return nil }
        self.object = object
        self.spec = spec
        self.podMetadata = template["metadata"]
        self.containers = Self.collectContainers(spec)
    }

    public var podSecurityContext: YAMLNode? { spec["securityContext"].flatMap { $0.isMapping ? $0 : nil } }

    /// All containers: regular, init and ephemeral, in that order. Non-mapping entries are skipped
    /// (the schema rule reports them). Computed once per workload.
    public let containers: [ContainerView]

    private static let containerKinds: [ContainerView.Kind] = [.container, .initContainer, .ephemeralContainer]

    static func collectContainers(_ spec: YAMLNode) -> [ContainerView] {
        var out: [ContainerView] = []
        for kind in Self.containerKinds {
            guard let list = spec[kind.rawValue]?.items else { continue }
            for (i, node) in list.enumerated() where node.isMapping {
                out.append(ContainerView(node: node, kind: kind, index: i))
            }
        }
        return out
    }

    public var podLabels: [String: String] { podMetadata?["labels"]?.stringMap ?? [:] }
}

extension PodSpecView {
    /// A security-context field as the kubelet applies it: the container's value when set,
    /// otherwise the pod's (`runAsUser`, `runAsNonRoot`, `seccompProfile`, `seLinuxOptions`, …).
    /// Returns the node that decides, so findings point at the right line.
    public func effectiveSecurityField(_ key: String, for container: ContainerView) -> YAMLNode? {
        if let v = container.securityContext?[key], !v.isNull { return v }
        if let v = podSecurityContext?[key], !v.isNull { return v }
        return nil
    }

    /// Whether the pod declares it runs on Windows (`spec.os.name: windows`).
    public var isWindows: Bool { spec["os"]?["name"]?.string == "windows" }
}
