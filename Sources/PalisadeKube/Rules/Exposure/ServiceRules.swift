import PalisadeCore
import PalisadeFormats

/// A LoadBalancer Service open to every address: the workload faces the Internet on most clouds.
struct ExposedLoadBalancer: ObjectRule {
    /// Cloud annotations that make the load balancer internal (private addresses only).
    static let internalAnnotations: [(key: String, value: String)] = [
        ("service.beta.kubernetes.io/aws-load-balancer-internal", "true"),
        ("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"),
        ("networking.gke.io/load-balancer-type", "internal"),
        ("cloud.google.com/load-balancer-type", "internal"),
        ("service.beta.kubernetes.io/azure-load-balancer-internal", "true"),
        ("service.beta.kubernetes.io/oci-load-balancer-internal", "true"),
        ("service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", "private"),
    ]
    static let sourceRangesAnnotation = "service.beta.kubernetes.io/load-balancer-source-ranges"

    let metadata = RuleMetadata(
        id: "K8S-NET-LOADBALANCER",
        title: "LoadBalancer Service reachable from any address",
        severity: .medium,
        category: ExposureReferences.category,
        why:
            "A Service of type LoadBalancer gets an external address from the cloud provider; without "
            + "loadBalancerSourceRanges every host on the Internet can reach the pods behind it and probe them "
            + "for weaknesses.",
        remediation:
            "Set spec.loadBalancerSourceRanges to the client CIDRs that need access, make the load balancer "
            + "internal with your provider's annotation, or use type ClusterIP behind an Ingress.",
        frameworks: FrameworkMappings(nsa: [ExposureReferences.nsaNetwork], mitre: ["T1133", "T1190"]),
        references: [
            ExposureReferences.services,
            "https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/",
        ])

    func applies(to object: KubeObject) -> Bool { ExposureReferences.isService(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let spec = object.spec, let type = spec["type"], type.string == "LoadBalancer" else { return [] }
        let annotations = object.annotations
        for (key, value) in Self.internalAnnotations
        where annotations[key].map({ $0.lowercased() == value }) == true {
            return []
        }
        let service = "Service \"\(object.name)\""
        let ranges = spec["loadBalancerSourceRanges"]?.list ?? []
        if ranges.isEmpty {
            if let annotated = annotations[Self.sourceRangesAnnotation], !annotated.isEmpty {
                guard Self.isOpen(annotated) else { return [] }
                return [
                    Violation(
                        "\(service) is type LoadBalancer and its source-ranges annotation allows any address",
                        at: object.metadata?["annotations"]?[Self.sourceRangesAnnotation] ?? type)
                ]
            }
            return [
                Violation(
                    "\(service) is type LoadBalancer with no loadBalancerSourceRanges: reachable from any address",
                    at: type)
            ]
        }
        return ranges.filter { $0.string.map(Self.isOpen) == true }.map {
            Violation(
                "\(service) loadBalancerSourceRanges allows \($0.string ?? ""): reachable from any address", at: $0)
        }
    }

    /// Whether a range (or comma-separated list) is the whole address space.
    static func isOpen(_ ranges: String) -> Bool {
        ranges.split(separator: ",").contains { r in
            let t = r.filter { $0 != " " }
            return t == "0.0.0.0/0" || t == "::/0"
        }
    }
}

/// A NodePort Service opens the same port on every node, around any load balancer or Ingress.
struct ExposedNodePort: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-NET-NODEPORT",
        title: "Service exposes a NodePort",
        severity: .low,
        category: ExposureReferences.category,
        why:
            "type NodePort opens the port on every node's addresses, bypassing Ingress TLS and authentication; "
            + "nodes with public addresses or permissive firewalls expose the workload directly.",
        remediation:
            "Use type ClusterIP behind an Ingress or an internal load balancer; if NodePort is needed, restrict "
            + "node firewall rules to trusted sources.",
        frameworks: FrameworkMappings(nsa: [ExposureReferences.nsaNetwork], mitre: ["T1133"]),
        references: [ExposureReferences.services + "#type-nodeport"])

    func applies(to object: KubeObject) -> Bool { ExposureReferences.isService(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let type = object.spec?["type"], type.string == "NodePort" else { return [] }
        let ports = (object.spec?["ports"]?.list ?? []).compactMap { $0["nodePort"]?.string }
        let which =
            ports.isEmpty ? "on an allocated port of every node" : "on node port(s) " + ports.joined(separator: ", ")
        return [Violation("Service \"\(object.name)\" is type NodePort: reachable \(which)", at: type)]
    }
}

/// `spec.externalIPs` lets a Service capture traffic for any address (CVE-2020-8554).
struct ServiceExternalIPs: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-NET-EXTERNAL-IPS",
        title: "Service sets externalIPs",
        severity: .medium,
        category: ExposureReferences.category,
        why:
            "kube-proxy routes traffic for every address in externalIPs to the Service, from inside the cluster "
            + "too. Anyone who can create Services can thus intercept traffic meant for other hosts "
            + "(CVE-2020-8554, a man-in-the-middle with no fix in Kubernetes itself).",
        remediation:
            "Remove spec.externalIPs and use a LoadBalancer or Ingress; block the field cluster-wide with the "
            + "DenyServiceExternalIPs admission plugin or a policy.",
        frameworks: FrameworkMappings(nsa: [ExposureReferences.nsaNetwork], mitre: ["T1557"]),
        references: [
            ExposureReferences.services + "#external-ips",
            "https://github.com/kubernetes/kubernetes/issues/97076",
        ])

    func applies(to object: KubeObject) -> Bool { ExposureReferences.isService(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let node = object.spec?["externalIPs"], let ips = node.items, !ips.isEmpty else { return [] }
        let list = ips.compactMap(\.string).joined(separator: ", ")
        return [Violation("Service \"\(object.name)\" sets externalIPs \(list) (CVE-2020-8554)", at: node)]
    }
}
