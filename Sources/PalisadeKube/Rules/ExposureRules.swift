/// Exposure and isolation rules: how workloads are reachable (Services, Ingresses) and whether
/// NetworkPolicies isolate them.
public enum ExposureRules {
    public static let objectRules: [any ObjectRule] = [
        ExposedLoadBalancer(),
        ExposedNodePort(),
        ServiceExternalIPs(),
        IngressWithoutTLS(),
        IngressWildcardHost(),
        NetworkPolicyAllowAllIngress(),
    ]
    public static let crossObjectRules: [any CrossObjectRule] = [
        NamespaceWithoutIngressIsolation(),
        NamespaceWithoutEgressPolicy(),
    ]
}
