import PalisadeCore
import PalisadeFormats
import PalisadeKube

/// How the internet gets in: LoadBalancer and NodePort Services, Ingresses, hostPorts and
/// hostNetwork ports, each gated by the target workload's ingress NetworkPolicies.
extension GraphAssembly {
    /// A Service port as the workload sees it: `targetPort` (a number or a container port name),
    /// else `port`.
    struct ServicePort {
        var number: Int?
        var name: String?
        var proto: NetworkProtocol
    }

    static func servicePorts(_ service: KubeObject) -> [ServicePort] {
        (service.spec?["ports"]?.list ?? []).map { entry in
            let proto = entry["protocol"]?.string.flatMap(NetworkProtocol.init(rawValue:)) ?? .tcp
            if let target = entry["targetPort"] {
                if let n = target.int { return ServicePort(number: n, name: nil, proto: proto) }
                if let s = target.string {
                    return ServicePort(number: Int(s), name: Int(s) == nil ? s : nil, proto: proto)
                }
            }
            return ServicePort(number: entry["port"]?.int, name: nil, proto: proto)
        }
    }

    mutating func addExposureEdges() {
        let internet = internetNode
        var serviceNodes: [String: Int] = [:]
        var routedByIngress: Set<String> = []
        var exposedDirectly: Set<String> = []
        for service in index.services {
            let ns = service.namespace ?? options.defaultNamespace
            let id = GraphNodeID.service(ns, service.name)
            let node = graph.addNode(
                GraphNode(
                    id: id, kind: .service, label: "Service \(ns)/\(service.name)", namespace: ns,
                    location: Self.location(of: service), object: service.reference))
            serviceNodes[id] = node
            let typeNode = service.spec?["type"]
            let type = typeNode?.string ?? "ClusterIP"
            if type == "LoadBalancer" || type == "NodePort" {
                exposedDirectly.insert(id)
                graph.addEdge(
                    GraphEdge(
                        from: internet, to: node,
                        kind: type == "LoadBalancer" ? .exposedByLoadBalancer : .exposedByNodePort,
                        reason: "Service \(ns)/\(service.name) has type: \(type)",
                        location: typeNode.map { Self.location(of: $0, in: service) }))
            }
        }
        for ingress in index.ingresses {
            let ns = ingress.namespace ?? options.defaultNamespace
            let node = graph.addNode(
                GraphNode(
                    id: GraphNodeID.ingress(ns, ingress.name), kind: .ingress, label: "Ingress \(ns)/\(ingress.name)",
                    namespace: ns, location: Self.location(of: ingress), object: ingress.reference))
            graph.addEdge(
                GraphEdge(
                    from: internet, to: node, kind: .exposedByIngress,
                    reason: "Ingress \(ns)/\(ingress.name) accepts requests from outside the cluster",
                    location: Self.location(of: ingress)))
            for (name, at) in Self.ingressBackends(ingress) {
                let id = GraphNodeID.service(ns, name)
                guard let service = serviceNodes[id] else { continue }
                routedByIngress.insert(id)
                graph.addEdge(
                    GraphEdge(
                        from: node, to: service, kind: .ingressRoutesToService,
                        reason: "Ingress \(ns)/\(ingress.name) routes to Service \(ns)/\(name)",
                        location: Self.location(of: at, in: ingress)))
            }
        }
        for service in index.services {
            let ns = service.namespace ?? options.defaultNamespace
            let id = GraphNodeID.service(ns, service.name)
            let direct = exposedDirectly.contains(id)
            let viaIngress = routedByIngress.contains(id)
            guard direct || viaIngress, let node = serviceNodes[id] else { continue }
            addServiceBackends(service, node: node, namespace: ns, direct: direct, viaIngress: viaIngress)
        }
        addHostPorts()
    }

    /// Backend Service names of an Ingress (v1 `service.name`, v1beta1 `serviceName`, default backends).
    static func ingressBackends(_ ingress: KubeObject) -> [(String, YAMLNode)] {
        var out: [(String, YAMLNode)] = []
        func backend(_ node: YAMLNode?) {
            guard let node else { return }
            if let name = node["service"]?["name"]?.string {
                out.append((name, node))
            } else if let name = node["serviceName"]?.string {
                out.append((name, node))
            }
        }
        let spec = ingress.spec
        backend(spec?["defaultBackend"])
        backend(spec?["backend"])
        for rule in spec?["rules"]?.list ?? [] {
            for path in rule["http"]?["paths"]?.list ?? [] { backend(path["backend"]) }
        }
        return out
    }

    private mutating func addServiceBackends(
        _ service: KubeObject, node: Int, namespace ns: String, direct: Bool, viaIngress: Bool
    ) {
        guard let selectorNode = service.spec?["selector"], let selector = selectorNode.stringMap, !selector.isEmpty
        else { return }
        let ports = Self.servicePorts(service)
        for w in index.workloadsByNamespace[ns] ?? [] {
            let workload = index.workloads[w]
            guard selector.allSatisfy({ workload.labels[$0.key] == $0.value }) else { continue }
            guard let admitted = admittedPort(workload, ports, direct: direct, viaIngress: viaIngress) else {
                continue
            }
            graph.addEdge(
                GraphEdge(
                    from: node, to: workloadNodes[w], kind: .serviceSelectsWorkload,
                    reason:
                        "Service \(ns)/\(service.name) selects \(workload.object.kind) \(ns)/\(workload.object.name) "
                        + "and \(admitted)",
                    location: Self.location(of: selectorNode, in: service)))
        }
    }

    /// The first service port traffic from outside reaches the workload on, as a phrase for the
    /// edge's reason; `nil` when the workload's NetworkPolicies admit it on none.
    private func admittedPort(_ workload: WorkloadInfo, _ ports: [ServicePort], direct: Bool, viaIngress: Bool)
        -> String?
    {
        let endpoint = reachability.model.endpoints[workload.endpoint]
        var candidates: [(Int, NetworkProtocol)] = []
        for port in ports {
            if let n = port.number {
                candidates.append((n, port.proto))
            } else if let name = port.name, let n = endpoint.resolve(portName: name, proto: port.proto) {
                candidates.append((n, port.proto))
            }
        }
        if ports.isEmpty { candidates = reachability.representativePorts(toward: .endpoint(workload.endpoint)) }
        for (port, proto) in candidates {
            if direct, let why = admitsExternal(workload.endpoint, port: port, proto: proto) {
                return "\(why) on \(port)/\(proto.rawValue)"
            }
            if viaIngress, let why = admitsIngressController(workload.endpoint, port: port, proto: proto) {
                return "\(why) on \(port)/\(proto.rawValue)"
            }
        }
        return nil
    }

    /// hostPort: traffic to the node's port is forwarded to the pod (CNI portmap), and the common
    /// policy engines (Calico, Cilium) apply the pod's ingress policies to it, so it is gated like
    /// a LoadBalancer. hostNetwork pods listen on the node itself: no NetworkPolicy applies.
    private mutating func addHostPorts() {
        let internet = internetNode
        for (w, workload) in index.workloads.enumerated() {
            let hostNetwork = workload.view.spec["hostNetwork"]?.bool == true
            for container in workload.view.containers where container.kind != .ephemeralContainer {
                for port in container.node["ports"]?.list ?? [] {
                    guard let containerPort = port["containerPort"]?.int else { continue }
                    let proto = port["protocol"]?.string.flatMap(NetworkProtocol.init(rawValue:)) ?? .tcp
                    let label = "\(workload.object.kind) \(workload.namespace)/\(workload.object.name)"
                    if let hostPort = port["hostPort"], hostPort.int != nil {
                        guard let why = admitsExternal(workload.endpoint, port: containerPort, proto: proto) else {
                            continue
                        }
                        graph.addEdge(
                            GraphEdge(
                                from: internet, to: workloadNodes[w], kind: .exposedByHostPort,
                                reason:
                                    "\(container.label) of \(label) publishes hostPort \(hostPort.int!) and \(why)",
                                location: Self.location(of: hostPort, in: workload.object)))
                    } else if hostNetwork {
                        graph.addEdge(
                            GraphEdge(
                                from: internet, to: workloadNodes[w], kind: .exposedByHostPort,
                                reason:
                                    "\(label) uses hostNetwork, so \(container.label) listens on port "
                                    + "\(containerPort) of the node itself, where no NetworkPolicy applies",
                                location: Self.location(of: port, in: workload.object)))
                    }
                }
            }
        }
    }
}
