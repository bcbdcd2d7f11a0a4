import PalisadeCore
import PalisadeFormats

/// exec, attach and port-forward: commands and network access inside running containers.
struct RBACPodExec: RoleGrantRule {
    /// exec and attach accept `create` (SPDY, WebSocket since 1.31) and `get` (older WebSocket clients).
    static let permissions = [
        Permission("", "pods/exec", verbs: ["create", "get"]),
        Permission("", "pods/attach", verbs: ["create", "get"]),
        Permission("", "pods/portforward", verbs: ["create", "get"]),
    ]

    let metadata = RuleMetadata(
        id: "K8S-RBAC-POD-EXEC",
        title: "Role can exec, attach or port-forward into pods",
        severity: .high,
        category: RBACReferences.category,
        why:
            "pods/exec and pods/attach run commands in any container in scope, with its service-account token, "
            + "mounted Secrets and network position; pods/portforward reaches ports that no Service exposes. "
            + "Anyone with these rights controls every workload they cover.",
        remediation:
            "Grant pods/exec, pods/attach and pods/portforward only to break-glass roles, bound temporarily and "
            + "audited; use logs, metrics and ephemeral debug tooling for routine work.",
        frameworks: FrameworkMappings(nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1609", "T1078"]),
        references: [RBACReferences.goodPractices])
}

/// Adding ephemeral containers is exec by another name, and bypasses the pod's original spec review.
struct RBACEphemeralContainers: RoleGrantRule {
    static let permissions = [Permission("", "pods/ephemeralcontainers", verbs: ["update", "patch"])]

    let metadata = RuleMetadata(
        id: "K8S-RBAC-EPHEMERAL-CONTAINERS",
        title: "Role can add ephemeral containers to pods",
        severity: .high,
        category: RBACReferences.category,
        why:
            "update or patch on pods/ephemeralcontainers injects a new container (any image, any command) into a "
            + "running pod, sharing its namespaces, volumes and service account: the same power as exec.",
        remediation: "Restrict pods/ephemeralcontainers to break-glass debugging roles bound only when needed.",
        frameworks: FrameworkMappings(nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1609", "T1610"]),
        references: [
            RBACReferences.goodPractices,
            "https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/",
        ])
}

/// Creating or changing workloads runs arbitrary pods as any service account of the namespace.
struct RBACWorkloadCreate: RoleGrantRule {
    static let verbs = ["create", "update", "patch"]
    static let permissions = [
        Permission("", "pods", verbs: verbs),
        Permission("", "replicationcontrollers", verbs: verbs),
        Permission("apps", "deployments", verbs: verbs),
        Permission("apps", "daemonsets", verbs: verbs),
        Permission("apps", "statefulsets", verbs: verbs),
        Permission("apps", "replicasets", verbs: verbs),
        Permission("batch", "jobs", verbs: verbs),
        Permission("batch", "cronjobs", verbs: verbs),
    ]

    let metadata = RuleMetadata(
        id: "K8S-RBAC-WORKLOAD-CREATE",
        title: "Role can create or modify workloads",
        severity: .medium,
        category: RBACReferences.category,
        why:
            "Whoever can create or patch pods or pod controllers can run any image as any service account of "
            + "the namespace and read its token, mount any Secret or ConfigMap there, and (without Pod Security "
            + "admission) start privileged pods that escape to the node.",
        remediation:
            "Grant workload write access only to deployment pipelines and operators; enforce Pod Security "
            + "admission (baseline or restricted) on the namespace and keep powerful service accounts out of it.",
        frameworks: FrameworkMappings(
            cis: ["5.1.4"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1610", "T1078"]),
        references: [RBACReferences.goodPractices])
}

/// nodes/proxy reaches the kubelet API: exec in every pod of the node, bypassing admission and audit.
struct RBACNodesProxy: RoleGrantRule {
    /// Any verb: even get reaches exec through a WebSocket upgrade.
    static let permissions = [Permission("", "nodes/proxy", verbs: ["*"], namespaced: false)]

    let metadata = RuleMetadata(
        id: "K8S-RBAC-NODES-PROXY",
        title: "Role grants access to nodes/proxy (the kubelet API)",
        severity: .high,
        category: RBACReferences.category,
        why:
            "nodes/proxy lets the holder talk to every kubelet through the API server: run commands in any pod "
            + "on any node (even with only get, via WebSocket upgrades), read logs and secrets, without going "
            + "through admission control or leaving pod-level audit events.",
        remediation:
            "Remove nodes/proxy; monitoring agents should read metrics through nodes/metrics or nodes/stats "
            + "instead.",
        frameworks: FrameworkMappings(
            cis: ["5.1.10"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1611", "T1609"]),
        references: [RBACReferences.goodPractices])
}

/// Minting tokens for any service account is impersonation of that service account.
struct RBACServiceAccountTokenCreate: RoleGrantRule {
    static let permissions = [Permission("", "serviceaccounts/token", verbs: ["create"])]

    let metadata = RuleMetadata(
        id: "K8S-RBAC-SA-TOKEN-CREATE",
        title: "Role can create service-account tokens",
        severity: .high,
        category: RBACReferences.category,
        why:
            "create on serviceaccounts/token issues a valid token for any service account in scope (TokenRequest), "
            + "so the holder gains every permission bound to those accounts, including controllers' powerful ones.",
        remediation: "Remove create on serviceaccounts/token, or restrict it with resourceNames to one account.",
        frameworks: FrameworkMappings(
            cis: ["5.1.13"], nsa: [RBACReferences.nsaLeastPrivilege], mitre: ["T1078", "T1552.007"]),
        references: [RBACReferences.goodPractices])
}
