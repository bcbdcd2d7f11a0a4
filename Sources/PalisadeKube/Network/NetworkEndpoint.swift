import PalisadeFormats

/// A declared container port: what a named NetworkPolicy port resolves to.
public struct ContainerPortSpec: Sendable, Hashable {
    public var name: String?
    public var number: Int
    public var proto: NetworkProtocol
}

/// A pod, or a workload standing for the pods of its template: the unit NetworkPolicies select.
public struct NetworkEndpoint: Sendable {
    public var kind: String
    public var namespace: String
    public var name: String
    public var labels: [String: String]
    /// Ports of the regular containers and of sidecars (init containers with `restartPolicy: Always`).
    public var ports: [ContainerPortSpec]
    /// `status.podIP` when the object carries one (pods read from a cluster dump): `ipBlock` peers match it.
    public var podIP: IPAddress?
    public var object: KubeObject

    /// `namespace/name`, how users name it on the command line.
    public var shortName: String { "\(namespace)/\(name)" }
    /// `Kind/namespace/name`: unambiguous.
    public var qualifiedName: String { "\(kind)/\(namespace)/\(name)" }

    /// Builds the endpoint of a Pod or workload, or `nil` for other objects (PodTemplates included:
    /// they run nothing).
    public init?(_ object: KubeObject) {
        guard object.kind != "PodTemplate", let view = PodSpecView(object) else { return nil }
        self.object = object
        kind = object.kind
        namespace = object.namespace ?? "default"
        name = object.name
        labels = view.podLabels
        var ports: [ContainerPortSpec] = []
        for container in view.containers {
            let running =
                container.kind == .container
                || (container.kind == .initContainer && container.node["restartPolicy"]?.string == "Always")
            guard running else { continue }
            for port in container.node["ports"]?.list ?? [] {
                guard let number = port["containerPort"]?.int else { continue }
                let proto = port["protocol"]?.string.flatMap(NetworkProtocol.init(rawValue:)) ?? .tcp
                ports.append(ContainerPortSpec(name: port["name"]?.string, number: number, proto: proto))
            }
        }
        self.ports = ports
        podIP = object.kind == "Pod" ? object.root["status"]?["podIP"]?.string.flatMap { IPAddress($0) } : nil
    }

    /// The container port a named NetworkPolicy port means on this pod, for `proto`.
    public func resolve(portName: String, proto: NetworkProtocol) -> Int? {
        ports.first { $0.name == portName && $0.proto == proto }?.number
    }
}
