import PalisadeCore
import PalisadeFormats
import PalisadeKube

/// Inside a workload: its containers, the token and Secrets they hold, and the ways out to the node.
extension GraphAssembly {
    /// Host paths whose write access (or, for sockets, any access) is root on the node.
    static let sensitiveHostPaths: [String] = [
        "/", "/etc", "/root", "/home", "/var/lib/kubelet", "/var/lib/docker", "/var/lib/containerd", "/proc",
        "/sys", "/dev", "/boot", "/lib/modules", "/usr", "/bin", "/sbin", "/var/log", "/run", "/var/run",
        "/etc/kubernetes",
    ]
    /// Container-runtime sockets: any mount (read-only too) starts privileged containers on the node.
    static let runtimeSockets: [String] = [
        "/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd/containerd.sock",
        "/run/containerd/containerd.sock", "/var/run/crio/crio.sock", "/run/crio/crio.sock",
        "/var/run/cri-dockerd.sock", "/run/k3s/containerd/containerd.sock", "/var/run/docker",
        "/run/containerd", "/var/run/containerd",
    ]

    static func isRuntimeSocket(_ path: String) -> Bool {
        let p = normalisedPath(path)
        return runtimeSockets.contains(p)
            || p.hasSuffix(".sock") && (p.contains("docker") || p.contains("containerd") || p.contains("crio"))
    }

    /// A sensitive path or anything under `/etc`, `/root`, `/home`, `/var/lib/kubelet`, `/proc`, `/sys`.
    static func isSensitiveHostPath(_ path: String) -> Bool {
        let p = normalisedPath(path)
        if sensitiveHostPaths.contains(p) { return true }
        for prefix in ["/etc/", "/root/", "/home/", "/var/lib/kubelet/", "/proc/", "/sys/", "/boot/", "/dev/"]
        where p.hasPrefix(prefix) {
            return true
        }
        return false
    }

    static func normalisedPath(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }

    mutating func addWorkloadEdges() {
        workloadNodes.reserveCapacity(index.workloads.count)
        for (w, workload) in index.workloads.enumerated() {
            let object = workload.object
            let node = graph.addNode(
                GraphNode(
                    id: workload.id, kind: .workload, label: "\(object.kind) \(workload.namespace)/\(object.name)",
                    namespace: workload.namespace, location: Self.location(of: object), object: object.reference))
            workloadNodes.append(node)
            workloadOfNode[node] = w
            addContainers(workload, node: node)
            addPlacement(workload, node: node)
        }
    }

    /// The token is mounted unless the pod says `automountServiceAccountToken: false`, or the
    /// ServiceAccount says so and the pod does not set it back to true.
    func mountsToken(_ workload: WorkloadInfo) -> Bool {
        if let podSetting = workload.view.spec["automountServiceAccountToken"]?.bool { return podSetting }
        let account = index.serviceAccounts[workload.namespace + "/" + workload.serviceAccount]
        return account?.root["automountServiceAccountToken"]?.bool ?? true
    }

    private mutating func addContainers(_ workload: WorkloadInfo, node: Int) {
        let object = workload.object
        let spec = workload.view.spec
        let ns = workload.namespace
        let token = mountsToken(workload)
        var account: Int?
        if token { account = serviceAccountNode(ns, workload.serviceAccount) }
        let tokenReason =
            "\(object.kind) \(ns)/\(object.name) runs as ServiceAccount \(ns)/\(workload.serviceAccount) "
            + "with its token mounted (automountServiceAccountToken not false)"
        let tokenLocation = Self.location(
            of: spec["serviceAccountName"] ?? spec["serviceAccount"] ?? spec, in: object)
        // Secret volumes by volume name (secret volumes and projected secret sources).
        var secretVolumes: [String: [(name: String, node: YAMLNode)]] = [:]
        var hostPaths: [String: (path: String, node: YAMLNode)] = [:]
        for volume in spec["volumes"]?.list ?? [] {
            guard let name = volume["name"]?.string else { continue }
            if let secret = volume["secret"], let secretName = secret["secretName"]?.string {
                secretVolumes[name, default: []].append((secretName, secret))
            }
            for source in volume["projected"]?["sources"]?.list ?? [] {
                if let secret = source["secret"], let secretName = secret["name"]?.string {
                    secretVolumes[name, default: []].append((secretName, secret))
                }
            }
            if let hostPath = volume["hostPath"], let path = hostPath["path"]?.string {
                hostPaths[name] = (path, hostPath)
            }
        }
        let hostPID = spec["hostPID"]?.bool == true
        let host = hostNode(workload.nodeName)
        for container in workload.view.containers {
            let containerNode = graph.addNode(
                GraphNode(
                    id: GraphNodeID.container(ns, object.kind, object.name, container.name), kind: .container,
                    label: "\(container.label) of \(object.kind) \(ns)/\(object.name)", namespace: ns,
                    location: Self.location(of: container.node, in: object)))
            graph.addEdge(
                GraphEdge(
                    from: node, to: containerNode, kind: .runsContainer,
                    reason: "\(object.kind) \(ns)/\(object.name) runs \(container.label)",
                    location: Self.location(of: container.node, in: object)))
            if let account {
                graph.addEdge(
                    GraphEdge(
                        from: containerNode, to: account, kind: .tokenMounted, reason: tokenReason,
                        location: tokenLocation))
            }
            addSecretEdges(container, containerNode, workload, secretVolumes)
            addEscapes(container, containerNode, workload, host: host, hostPID: hostPID, hostPaths: hostPaths)
        }
    }

    private mutating func addSecretEdges(
        _ container: ContainerView, _ containerNode: Int, _ workload: WorkloadInfo,
        _ secretVolumes: [String: [(name: String, node: YAMLNode)]]
    ) {
        let object = workload.object
        let ns = workload.namespace
        for mount in container.node["volumeMounts"]?.list ?? [] {
            guard let volume = mount["name"]?.string, let secrets = secretVolumes[volume] else { continue }
            for secret in secrets {
                let target = secretNode(ns, secret.name)
                graph.addEdge(
                    GraphEdge(
                        from: containerNode, to: target, kind: .secretMounted,
                        reason: "\(container.label) mounts volume \"\(volume)\" of Secret \(ns)/\(secret.name)",
                        location: Self.location(of: secret.node, in: object)))
            }
        }
        for source in container.node["envFrom"]?.list ?? [] {
            guard let ref = source["secretRef"], let name = ref["name"]?.string else { continue }
            graph.addEdge(
                GraphEdge(
                    from: containerNode, to: secretNode(ns, name), kind: .secretMounted,
                    reason: "\(container.label) takes every key of Secret \(ns)/\(name) as variables (envFrom)",
                    location: Self.location(of: ref, in: object)))
        }
        for variable in container.node["env"]?.list ?? [] {
            guard let ref = variable["valueFrom"]?["secretKeyRef"], let name = ref["name"]?.string else { continue }
            graph.addEdge(
                GraphEdge(
                    from: containerNode, to: secretNode(ns, name), kind: .secretMounted,
                    reason:
                        "\(container.label) reads Secret \(ns)/\(name) into variable "
                        + "\(variable["name"]?.string ?? "?") (secretKeyRef)",
                    location: Self.location(of: ref, in: object)))
        }
    }

    private mutating func addEscapes(
        _ container: ContainerView, _ containerNode: Int, _ workload: WorkloadInfo, host: Int, hostPID: Bool,
        hostPaths: [String: (path: String, node: YAMLNode)]
    ) {
        let object = workload.object
        let security = container.securityContext
        func edge(_ kind: GraphEdgeKind, _ reason: String, _ at: YAMLNode) {
            graph.addEdge(
                GraphEdge(
                    from: containerNode, to: host, kind: kind, reason: reason,
                    location: Self.location(of: at, in: object)))
        }
        if let privileged = security?["privileged"], privileged.bool == true {
            edge(.privilegedEscape, "\(container.label) sets securityContext.privileged: true", privileged)
        }
        if hostPID, let field = workload.view.spec["hostPID"] {
            edge(.hostPIDEscape, "the pod sets hostPID: true, so \(container.label) sees the node's processes", field)
        }
        for capability in security?["capabilities"]?["add"]?.list ?? [] {
            guard let name = capability.string?.uppercased() else { continue }
            if name == "SYS_ADMIN" || name == "CAP_SYS_ADMIN" || name == "ALL" {
                edge(.sysAdminEscape, "\(container.label) adds capability \(name)", capability)
            }
            if name == "SYS_MODULE" || name == "CAP_SYS_MODULE" || name == "ALL" {
                edge(.sysModuleEscape, "\(container.label) adds capability \(name)", capability)
            }
        }
        for mount in container.node["volumeMounts"]?.list ?? [] {
            guard let volume = mount["name"]?.string, let hostPath = hostPaths[volume] else { continue }
            let readOnly = mount["readOnly"]?.bool == true
            if Self.isRuntimeSocket(hostPath.path) {
                edge(
                    .runtimeSocketEscape,
                    "\(container.label) mounts the container runtime socket \(hostPath.path) (hostPath volume "
                        + "\"\(volume)\")", hostPath.node)
            } else if !readOnly, Self.isSensitiveHostPath(hostPath.path) {
                edge(
                    .hostPathEscape,
                    "\(container.label) mounts host path \(hostPath.path) writable (hostPath volume \"\(volume)\")",
                    hostPath.node)
            }
        }
    }

    /// Root on a node controls the pods on it: a named node runs the pods with its `spec.nodeName`
    /// and every DaemonSet; "any node" runs every workload not pinned to a node.
    private mutating func addPlacement(_ workload: WorkloadInfo, node: Int) {
        let object = workload.object
        let label = "\(object.kind) \(workload.namespace)/\(object.name)"
        if let name = workload.nodeName {
            graph.addEdge(
                GraphEdge(
                    from: hostNode(name), to: node, kind: .nodeRunsWorkload,
                    reason: "\(label) is scheduled on node \(name) (spec.nodeName)",
                    location: workload.view.spec["nodeName"].map { Self.location(of: $0, in: object) }))
        } else {
            graph.addEdge(
                GraphEdge(
                    from: hostNode(nil), to: node, kind: .nodeRunsWorkload,
                    reason: "\(label) is not pinned to a node, so its pods may run on any node"))
        }
    }

    /// Named nodes also run every DaemonSet; and every node holds kubelet credentials
    /// (`system:node:NAME` in `system:nodes`), which matter when some binding names them.
    mutating func addNodeCredentials() {
        let daemonSets = index.workloads.indices.filter {
            index.workloads[$0].object.kind == "DaemonSet" && index.workloads[$0].nodeName == nil
        }
        for name in index.nodeNames.sorted() {
            let host = hostNode(name)
            for d in daemonSets {
                let workload = index.workloads[d]
                graph.addEdge(
                    GraphEdge(
                        from: host, to: workloadNodes[d], kind: .nodeRunsWorkload,
                        reason: "DaemonSet \(workload.namespace)/\(workload.object.name) runs a pod on every node"))
            }
            if boundUsers.contains("system:node:" + name) {
                graph.addEdge(
                    GraphEdge(
                        from: host, to: userNode("system:node:" + name), kind: .nodeCredentials,
                        reason: "the kubelet of node \(name) authenticates as user system:node:\(name)"))
            }
        }
        if boundGroups.contains("system:nodes") {
            let group = groupNode("system:nodes")
            for name in [nil] + index.nodeNames.sorted().map(Optional.some) {
                graph.addEdge(
                    GraphEdge(
                        from: hostNode(name), to: group, kind: .nodeCredentials,
                        reason: "the kubelet's client certificate is in group system:nodes"))
            }
        }
    }
}
