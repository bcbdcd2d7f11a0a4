import PalisadeCore
import PalisadeFormats

/// One Kubernetes object read from a file, with its source position kept for every field.
public struct KubeObject: Sendable {
    public var root: YAMLNode
    /// Name of the source file as given (`-` for stdin).
    public var file: String
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var namespace: String?
    /// Where the object starts in its file.
    public var mark: SourceMark

    public init?(root: YAMLNode, file: String) {
        guard root.isMapping, let kind = root["kind"]?.string, let apiVersion = root["apiVersion"]?.string
        else { return nil }
        self.root = root
        self.file = file
        self.kind = kind
        self.apiVersion = apiVersion
        let metadata = root["metadata"]
        self.name = metadata?["name"]?.string ?? metadata?["generateName"]?.string.map { $0 + "*" } ?? "<unnamed>"
        self.namespace = metadata?["namespace"]?.string
        self.mark = root.mark
        self.roleView =
            RoleView.isRole(kind: kind, apiVersion: apiVersion)
            ? RoleView(kind: kind, name: name, namespace: namespace, root: root) : nil
        self.bindingView =
            BindingView.isBinding(kind: kind, apiVersion: apiVersion)
            ? BindingView(kind: kind, name: name, namespace: namespace, root: root) : nil
    }

    /// For RBAC Roles and ClusterRoles: the parsed rules, read once here instead of by each of the
    /// RBAC rules (so `root` must not be changed afterwards).
    let roleView: RoleView?
    /// For RBAC RoleBindings and ClusterRoleBindings: the parsed binding, read once.
    let bindingView: BindingView?

    public var reference: ObjectReference {
        ObjectReference(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name)
    }

    public var metadata: YAMLNode? { root["metadata"] }
    public var spec: YAMLNode? { root["spec"] }

    public var labels: [String: String] { root["metadata"]?["labels"]?.stringMap ?? [:] }
    public var annotations: [String: String] { root["metadata"]?["annotations"]?.stringMap ?? [:] }

    /// The API group of `apiVersion` (`""` for the core group).
    public var apiGroup: String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// Kinds whose objects belong to a namespace; used to decide whether "default namespace" applies.
    public var isClusterScoped: Bool {
        KubeObject.clusterScopedKinds.contains(kind)
    }

    static let clusterScopedKinds: Set<String> = [
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "StorageClass",
        "CustomResourceDefinition", "PriorityClass", "MutatingWebhookConfiguration",
        "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
        "APIService", "CSIDriver", "CSINode", "VolumeAttachment", "RuntimeClass", "IngressClass",
        "PodSecurityPolicy", "ClusterIssuer", "CertificateSigningRequest", "FlowSchema",
        "PriorityLevelConfiguration", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
    ]

    /// Finds the field path and the best position (the key's, for a mapping value) of a node of
    /// this object. Computed only when a finding is made, so checks never build path strings.
    /// Node ids are handed out in document order (keys included), so a subtree's ids are contiguous:
    /// one descent into the last child whose id is not above the target renders the path on the way.
    /// Nodes shared through aliases break that order; for them a full search records child indices
    /// and the path is rendered from those.
    public func locate(_ node: YAMLNode) -> (path: String, mark: SourceMark) {
        if let found = Self.descend(root, to: node.id) { return found }
        var trail: [Int] = []
        guard Self.exhaustiveSearch(root, for: node.id, trail: &trail) else { return ("", node.mark) }
        return Self.render(root, trail)
    }

    /// The path is collected as UTF-8 bytes (cheaper to append to than a `String`) and decoded once.
    private static func descend(_ root: YAMLNode, to id: Int32) -> (path: String, mark: SourceMark)? {
        var path: [UInt8] = []
        path.reserveCapacity(96)
        var mark = root.mark
        guard descend(root, to: id, path: &path, mark: &mark) else { return nil }
        return (String(decoding: path, as: UTF8.self), mark)
    }

    /// One level of the descent. Children are reached through buffer pointers and passed on borrowed:
    /// copying each node and pair on the way cost a retain and a release per level, per finding.
    private static func descend(
        _ node: borrowing YAMLNode, to id: Int32, path: inout [UInt8], mark: inout SourceMark
    ) -> Bool {
        if node.id == id { return true }
        switch node.content {
        case .scalar: return false
        case .mapping(let pairs):
            return pairs.withUnsafeBufferPointer { buffer in
                let lo = lastNotAbove(id, count: buffer.count) { buffer[$0].value.id }
                guard lo > 0 else { return false }
                appendKey(buffer[lo - 1].key, to: &path)
                mark = buffer[lo - 1].keyMark
                return descend(buffer[lo - 1].value, to: id, path: &path, mark: &mark)
            }
        case .sequence(let items):
            return items.withUnsafeBufferPointer { buffer in
                let lo = lastNotAbove(id, count: buffer.count) { buffer[$0].id }
                guard lo > 0 else { return false }
                appendIndex(lo - 1, to: &path)
                mark = buffer[lo - 1].mark
                return descend(buffer[lo - 1], to: id, path: &path, mark: &mark)
            }
        }
    }

    /// Binary search over children whose ids ascend: the number of children with an id not above `id`.
    @inline(__always)
    private static func lastNotAbove(_ id: Int32, count: Int, _ childID: (Int) -> Int32) -> Int {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if childID(mid) <= id { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Appends a mapping key to a field path: `.key`, or `[key]` for keys containing dots or brackets
    /// (`data[tls.key]`, `metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]`).
    private static func appendKey(_ key: String, to path: inout [UInt8]) {
        func append<C: Collection<UInt8>>(_ bytes: C) {
            if bytes.contains(where: { $0 == 0x2E || $0 == 0x5B || $0 == 0x5D }) {
                path.append(0x5B)
                path.append(contentsOf: bytes)
                path.append(0x5D)
            } else {
                if !path.isEmpty { path.append(0x2E) }
                path.append(contentsOf: bytes)
            }
        }
        if key.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil { append(key.utf8) }
    }

    /// Appends `[index]` to a field path.
    private static func appendIndex(_ index: Int, to path: inout [UInt8]) {
        path.append(0x5B)
        path.append(contentsOf: String(index).utf8)
        path.append(0x5D)
    }

    /// The path and position reached by following child indices from `root`.
    private static func render(_ root: YAMLNode, _ trail: [Int]) -> (path: String, mark: SourceMark) {
        var path: [UInt8] = []
        var current = root
        var mark = root.mark
        for index in trail {
            switch current.content {
            case .mapping(let pairs):
                let pair = pairs[index]
                appendKey(pair.key, to: &path)
                mark = pair.keyMark
                current = pair.value
            case .sequence(let items):
                appendIndex(index, to: &path)
                current = items[index]
                mark = current.mark
            case .scalar:
                break
            }
        }
        return (String(decoding: path, as: UTF8.self), mark)
    }

    private static func exhaustiveSearch(_ n: YAMLNode, for id: Int32, trail: inout [Int]) -> Bool {
        if n.id == id { return true }
        switch n.content {
        case .scalar: return false
        case .mapping(let pairs):
            for i in pairs.indices {
                trail.append(i)
                if exhaustiveSearch(pairs[i].value, for: id, trail: &trail) { return true }
                trail.removeLast()
            }
        case .sequence(let items):
            for i in items.indices {
                trail.append(i)
                if exhaustiveSearch(items[i], for: id, trail: &trail) { return true }
                trail.removeLast()
            }
        }
        return false
    }
}

extension YAMLNode {
    /// A mapping of scalars as a dictionary (labels, annotations, selectors); non-scalars are skipped.
    public var stringMap: [String: String]? {
        guard let pairs else { return nil }
        var out: [String: String] = [:]
        out.reserveCapacity(pairs.count)
        for p in pairs {
            if let v = p.value.string { out[p.key] = v } else if p.value.isNull { out[p.key] = "" }
        }
        return out
    }

    /// Sequence elements, or an empty list when absent or not a list.
    public var list: [YAMLNode] { items ?? [] }
}
