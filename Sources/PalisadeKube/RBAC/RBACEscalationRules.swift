import PalisadeCore

/// The privilege-escalation paths `RBACEscalations` looks for: each is a set of requests (any one
/// suffices) and the rule reported when a subject's effective permissions allow one of them.
struct RBACEscalationCheck: Sendable {
    let metadata: RuleMetadata
    /// Requests of which any one opens the path; their `namespace` is set per scope.
    let requests: [RBACRequest]
    /// All of these must be allowed too (CSR create and approve); empty for single-step paths.
    let alsoRequired: [RBACRequest]
    /// Whether the path exists inside one namespace (else only cluster-wide grants count).
    let namespaced: Bool
    /// What the permission leads to, for the chain: `run a pod as any service account`.
    let leadsTo: String
    /// The path leads somewhere only through a pod in scope whose service account holds permissions
    /// the subject lacks (exec, attach, ephemeral containers): reported only when there is one.
    var needsMorePrivilegedAccount = false
}

enum RBACEscalationRules {
    static let category = "RBAC escalation"
    static let rbacDocs = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"

    private static func meta(
        _ id: String, _ title: String, _ severity: Severity, why: String, fix: String, mitre: [String]
    ) -> RuleMetadata {
        RuleMetadata(
            id: id, title: title, severity: severity, category: category, why: why, remediation: fix,
            frameworks: FrameworkMappings(mitre: mitre), references: [rbacDocs])
    }

    private static func r(_ verb: String, _ group: String, _ resource: String, _ sub: String = "", name: String = "")
        -> RBACRequest
    {
        RBACRequest(verb: verb, group: group, resource: resource, subresource: sub, name: name)
    }

    static let all: [RBACEscalationCheck] = [
        RBACEscalationCheck(
            metadata: meta(
                "RBAC-ESC-WORKLOAD-CREATE", "Subject can create workloads and so run as any service account",
                .high,
                why:
                    "Whoever can create a pod (directly or through a Deployment, DaemonSet, StatefulSet, ReplicaSet, "
                    + "Job, CronJob or ReplicationController) can set its serviceAccountName to any service account "
                    + "of the namespace and act with that account's token and permissions.",
                fix: "Grant workload creation only to deployers that need it, in namespaces whose service accounts "
                    + "hold no more than the deployer may have.", mitre: ["T1078", "T1610"]),
            requests: [r("create", "", "pods"), r("create", "", "replicationcontrollers")]
                + ["deployments", "daemonsets", "statefulsets", "replicasets"].flatMap { res in
                    ["create", "patch", "update"].map { r($0, "apps", res) }
                }
                + ["jobs", "cronjobs"].flatMap { res in ["create", "patch", "update"].map { r($0, "batch", res) } },
            alsoRequired: [], namespaced: true,
            leadsTo: "start a pod that runs as any service account"),
        RBACEscalationCheck(
            metadata: meta(
                "RBAC-ESC-SECRETS-READ", "Subject can read secrets, including service-account tokens", .high,
                why:
                    "Reading all secrets of a namespace includes the service-account token secrets in it: each token "
                    + "is that account's identity and permissions.",
                fix: "Grant get/list/watch on secrets only with resourceNames, or not at all.",
                mitre: ["T1552.007", "T1078"]),
            requests: [r("get", "", "secrets"), r("list", "", "secrets"), r("watch", "", "secrets")],
            alsoRequired: [], namespaced: true, leadsTo: "read the token secrets of service accounts"),
        RBACEscalationCheck(
            metadata: meta(
                "RBAC-ESC-BIND-ESCALATE", "Subject can bind or escalate roles", .critical,
                why:
                    "bind lets a subject bind roles it does not hold, escalate lets it write roles with permissions "
                    + "it does not hold: both switch off the API server's escalation check, up to cluster-admin.",
                fix: "Remove bind and escalate (and \"*\" verbs) on roles and clusterroles.", mitre: ["T1098"]),
            requests: ["bind", "escalate"].flatMap { v in
                ["roles", "clusterroles"].map { r(v, "rbac.authorization.k8s.io", $0) }
            }, alsoRequired: [], namespaced: true, leadsTo: "grant itself any permission"),
        RBACEscalationCheck(
            metadata: meta(
                "RBAC-ESC-IMPERSONATE", "Subject can impersonate users, groups or service accounts", .critical,
                why:
                    "impersonate lets a subject act as another user, group or service account, e.g. as a member "
                    + "of system:masters, with all their permissions.",
                fix: "Remove impersonate, or restrict it with resourceNames to specific, unprivileged identities.",
                mitre: ["T1078"]),
            requests: [
                r("impersonate", "", "users"), r("impersonate", "", "groups"), r("impersonate", "", "serviceaccounts"),
            ],
            alsoRequired: [], namespaced: true, leadsTo: "act as another identity"),
        RBACEscalationCheck(
            metadata: meta(
                "RBAC-ESC-SA-TOKEN", "Subject can create service-account tokens", .high,
                why: "create on serviceaccounts/token issues a token for any service account in scope.",
                fix: "Remove create on serviceaccounts/token, or restrict it with resourceNames.",
                mitre: ["T1528", "T1078"]),
            requests: [r("create", "", "serviceaccounts", "token")], alsoRequired: [], namespaced: true,
            leadsTo: "mint a token for any service account"),
        RBACEscalationCheck(
            metadata: meta(
                "RBAC-ESC-NODES-PROXY", "Subject can reach the kubelet API through nodes/proxy", .high,
                why:
                    "nodes/proxy reaches each kubelet's API, which runs commands in any container on the node; "
                    + "kubelet requests are not audited by the API server.",
                fix: "Remove nodes/proxy; use nodes/metrics or nodes/stats for monitoring.", mitre: ["T1609", "T1611"]),
            requests: [r("get", "", "nodes", "proxy"), r("create", "", "nodes", "proxy")], alsoRequired: [],
            namespaced: false, leadsTo: "exec into any container on any node"),
        RBACEscalationCheck(
            metadata: meta(
                "RBAC-ESC-CSR-APPROVE", "Subject can create and approve client certificates", .high,
                why:
                    "Creating a CertificateSigningRequest for the kube-apiserver-client signer and approving it "
                    + "yields a client certificate for any user and group, system:masters included.",
                fix: "Keep CSR approval with the controller manager; never grant it together with CSR creation.",
                mitre: ["T1649", "T1078"]),
            requests: [r("create", "certificates.k8s.io", "certificatesigningrequests")],
            alsoRequired: [
                r("update", "certificates.k8s.io", "certificatesigningrequests", "approval"),
                r("approve", "certificates.k8s.io", "signers", name: "kubernetes.io/kube-apiserver-client"),
            ], namespaced: false, leadsTo: "issue a client certificate for any identity, system:masters included"),
        RBACEscalationCheck(
            metadata: meta(
                "RBAC-ESC-POD-EXEC", "Subject can run commands in pods whose service account holds more", .high,
                why:
                    "exec and attach (create pods/exec, pods/attach) and ephemeral containers (patch or update "
                    + "pods/ephemeralcontainers) run commands inside a running pod, where the pod's service-account "
                    + "token is mounted: the subject gains that account's permissions, beyond its own.",
                fix: "Grant pods/exec, pods/attach and pods/ephemeralcontainers only in namespaces whose workloads "
                    + "run as service accounts with no more permissions than the subject, or not at all.",
                mitre: ["T1609", "T1528"]),
            requests: [
                r("create", "", "pods", "exec"), r("get", "", "pods", "exec"), r("create", "", "pods", "attach"),
                r("get", "", "pods", "attach"), r("patch", "", "pods", "ephemeralcontainers"),
                r("update", "", "pods", "ephemeralcontainers"),
            ], alsoRequired: [], namespaced: true,
            leadsTo: "run commands in pods there and use their service-account tokens",
            needsMorePrivilegedAccount: true),
        RBACEscalationCheck(
            metadata: meta(
                "RBAC-ESC-MUTATING-WEBHOOK", "Subject can write mutating admission webhook configurations", .critical,
                why:
                    "A MutatingWebhookConfiguration sends every matching object to a server of the subject's choice, "
                    + "which may rewrite it: any pod created afterwards can be made privileged, mount the node or "
                    + "run as any service account — cluster-admin by proxy.",
                fix: "Grant create/update/patch on mutatingwebhookconfigurations only to the components that "
                    + "install webhooks.", mitre: ["T1098", "T1610"]),
            requests: ["create", "update", "patch"].map {
                r($0, "admissionregistration.k8s.io", "mutatingwebhookconfigurations")
            }, alsoRequired: [], namespaced: false,
            leadsTo: "rewrite every pod the cluster admits (privileged, host mounts, any service account)"),
        RBACEscalationCheck(
            metadata: meta(
                "RBAC-ESC-VALIDATING-WEBHOOK", "Subject can write validating admission webhook configurations",
                .high,
                why:
                    "A ValidatingWebhookConfiguration sends every matching object, Secrets included, to a server of "
                    + "the subject's choice, which sees their contents and may refuse changes (e.g. to RBAC or "
                    + "policies) or stop its own removal.",
                fix: "Grant create/update/patch on validatingwebhookconfigurations only to the components that "
                    + "install webhooks.", mitre: ["T1552.007", "T1562"]),
            requests: ["create", "update", "patch"].map {
                r($0, "admissionregistration.k8s.io", "validatingwebhookconfigurations")
            }, alsoRequired: [], namespaced: false,
            leadsTo: "see every object sent for review, Secrets included, and block changes"),
        RBACEscalationCheck(
            metadata: meta(
                "RBAC-ESC-PV-CREATE", "Subject can create PersistentVolumes (hostPath)", .high,
                why:
                    "A PersistentVolume is cluster-scoped and may be a hostPath volume of `/`: a claim bound to it "
                    + "mounts the node's root filesystem into a pod, whatever the namespace's pod-security level "
                    + "forbids for inline hostPath volumes.",
                fix: "Leave PersistentVolume creation to provisioners; grant users persistentvolumeclaims instead.",
                mitre: ["T1611"]),
            requests: [r("create", "", "persistentvolumes")], alsoRequired: [], namespaced: false,
            leadsTo: "create a hostPath PersistentVolume of / and, mounted by a pod through a claim, be root on a node"),
    ]
}
