/// Links and framework strings shared by the exposure and isolation rules.
enum ExposureReferences {
    static let category = "Exposure and isolation"
    static let services = "https://kubernetes.io/docs/concepts/services-networking/service/"
    static let ingress = "https://kubernetes.io/docs/concepts/services-networking/ingress/"
    static let networkPolicies = "https://kubernetes.io/docs/concepts/services-networking/network-policies/"
    static let nsaNetwork = "Network separation and hardening"

    static func isService(_ object: KubeObject) -> Bool { object.kind == "Service" && object.apiVersion == "v1" }

    static func isIngress(_ object: KubeObject) -> Bool {
        object.kind == "Ingress"
            && (object.apiVersion.hasPrefix("networking.k8s.io/") || object.apiVersion.hasPrefix("extensions/"))
    }

    static func isNetworkPolicy(_ object: KubeObject) -> Bool {
        object.kind == "NetworkPolicy" && object.apiVersion.hasPrefix("networking.k8s.io/")
    }
}
