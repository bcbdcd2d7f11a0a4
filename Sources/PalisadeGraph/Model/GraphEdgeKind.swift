/// The kinds of attacker move. Every kind maps to a MITRE ATT&CK for Containers technique,
/// so a path reads as a kill chain; raw values are stable (JSON, filters, tests).
public enum GraphEdgeKind: String, Sendable, Codable, CaseIterable, Comparable {
    // Initial access: how the internet reaches the cluster.
    case exposedByLoadBalancer = "EXPOSED_BY_LOADBALANCER"
    case exposedByNodePort = "EXPOSED_BY_NODEPORT"
    case exposedByIngress = "EXPOSED_BY_INGRESS"
    case exposedByHostPort = "EXPOSED_BY_HOSTPORT"
    case ingressRoutesToService = "INGRESS_ROUTES_TO_SERVICE"
    /// A Service forwards to the workloads it selects, when their NetworkPolicies admit the traffic.
    case serviceSelectsWorkload = "SERVICE_SELECTS_WORKLOAD"
    // Lateral movement over the pod network, gated by NetworkPolicies.
    case networkReachable = "NETWORK_REACHABLE"
    // Inside a workload.
    case runsContainer = "RUNS_CONTAINER"
    case tokenMounted = "TOKEN_MOUNTED"
    case secretMounted = "SECRET_MOUNTED"
    // Container escapes to the node.
    case privilegedEscape = "PRIVILEGED_ESCAPE"
    case hostPIDEscape = "HOSTPID_ESCAPE"
    case hostPathEscape = "HOSTPATH_ESCAPE"
    case runtimeSocketEscape = "RUNTIME_SOCKET_ESCAPE"
    case sysAdminEscape = "SYS_ADMIN_ESCAPE"
    case sysModuleEscape = "SYS_MODULE_ESCAPE"
    // From a node.
    case nodeRunsWorkload = "NODE_RUNS_WORKLOAD"
    case nodeCredentials = "NODE_CREDENTIALS"
    // Identity and RBAC.
    case memberOfGroup = "MEMBER_OF_GROUP"
    case boundToRole = "BOUND_TO_ROLE"
    case grantsEverything = "GRANTS_EVERYTHING"
    case readSecrets = "READ_SECRETS"
    case secretHoldsToken = "SECRET_HOLDS_TOKEN"
    case createPodAs = "CREATE_POD_AS"
    case createPrivilegedPod = "CREATE_PRIVILEGED_POD"
    case modifyWorkload = "MODIFY_WORKLOAD"
    case execIntoPod = "EXEC_INTO_POD"
    case createToken = "CREATE_TOKEN"
    case impersonate = "IMPERSONATE"
    case bindOrEscalateRole = "BIND_OR_ESCALATE_ROLE"
    case nodeProxy = "NODE_PROXY"
    case approveCSR = "APPROVE_CSR"
    case writeAdmissionWebhook = "WRITE_ADMISSION_WEBHOOK"
    case createHostPathVolume = "CREATE_HOSTPATH_VOLUME"

    public static func < (a: GraphEdgeKind, b: GraphEdgeKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The MITRE ATT&CK for Containers technique the move is an instance of.
    public var mitre: MitreTechnique {
        switch self {
        case .exposedByLoadBalancer, .exposedByNodePort, .exposedByIngress, .exposedByHostPort,
            .ingressRoutesToService, .serviceSelectsWorkload:
            MitreTechnique(id: "T1190", name: "Exploit Public-Facing Application", tactic: "Initial Access")
        case .networkReachable:
            MitreTechnique(id: "T1210", name: "Exploitation of Remote Services", tactic: "Lateral Movement")
        case .runsContainer:
            MitreTechnique(id: "T1609", name: "Container Administration Command", tactic: "Execution")
        case .tokenMounted:
            MitreTechnique(id: "T1528", name: "Steal Application Access Token", tactic: "Credential Access")
        case .secretMounted:
            MitreTechnique(
                id: "T1552.001", name: "Unsecured Credentials: Credentials In Files", tactic: "Credential Access")
        case .privilegedEscape, .hostPIDEscape, .hostPathEscape, .runtimeSocketEscape, .sysAdminEscape,
            .sysModuleEscape:
            MitreTechnique(id: "T1611", name: "Escape to Host", tactic: "Privilege Escalation")
        case .nodeRunsWorkload:
            MitreTechnique(id: "T1609", name: "Container Administration Command", tactic: "Execution")
        case .nodeCredentials:
            MitreTechnique(
                id: "T1552.001", name: "Unsecured Credentials: Credentials In Files", tactic: "Credential Access")
        case .memberOfGroup, .boundToRole, .grantsEverything:
            MitreTechnique(id: "T1078", name: "Valid Accounts", tactic: "Privilege Escalation")
        case .readSecrets:
            MitreTechnique(id: "T1552.007", name: "Unsecured Credentials: Container API", tactic: "Credential Access")
        case .secretHoldsToken:
            MitreTechnique(id: "T1528", name: "Steal Application Access Token", tactic: "Credential Access")
        case .createPodAs:
            MitreTechnique(id: "T1610", name: "Deploy Container", tactic: "Execution")
        case .createPrivilegedPod:
            MitreTechnique(id: "T1611", name: "Escape to Host", tactic: "Privilege Escalation")
        case .modifyWorkload:
            MitreTechnique(id: "T1525", name: "Implant Internal Image", tactic: "Persistence")
        case .execIntoPod, .nodeProxy:
            MitreTechnique(id: "T1609", name: "Container Administration Command", tactic: "Execution")
        case .createToken:
            MitreTechnique(id: "T1528", name: "Steal Application Access Token", tactic: "Credential Access")
        case .impersonate:
            MitreTechnique(
                id: "T1550.001", name: "Use Alternate Authentication Material: Application Access Token",
                tactic: "Lateral Movement")
        case .bindOrEscalateRole:
            MitreTechnique(
                id: "T1098.006", name: "Account Manipulation: Additional Container Cluster Roles",
                tactic: "Persistence")
        case .approveCSR:
            MitreTechnique(
                id: "T1649", name: "Steal or Forge Authentication Certificates", tactic: "Credential Access")
        case .writeAdmissionWebhook:
            MitreTechnique(id: "T1562.001", name: "Impair Defenses: Disable or Modify Tools", tactic: "Defense Evasion")
        case .createHostPathVolume:
            MitreTechnique(id: "T1611", name: "Escape to Host", tactic: "Privilege Escalation")
        }
    }

    /// What the move lets an attacker do, for pictures and finding chains.
    public var summary: String {
        switch self {
        case .exposedByLoadBalancer: "reachable from the internet through a LoadBalancer Service"
        case .exposedByNodePort: "reachable from outside the cluster on every node's NodePort"
        case .exposedByIngress: "reachable from the internet through an Ingress"
        case .exposedByHostPort: "reachable from outside the cluster on the node's hostPort"
        case .ingressRoutesToService: "the Ingress routes requests to the Service"
        case .serviceSelectsWorkload: "the Service forwards to the workload, and its NetworkPolicies admit it"
        case .networkReachable: "NetworkPolicies let the workload open connections to the other"
        case .runsContainer: "code execution in the workload is code execution in its container"
        case .tokenMounted: "the container has the service account's token mounted"
        case .secretMounted: "the container mounts the Secret as a file or variable"
        case .privilegedEscape: "a privileged container can take over its node"
        case .hostPIDEscape: "hostPID lets the container enter the node's processes (nsenter -t 1)"
        case .hostPathEscape: "a writable sensitive hostPath gives root on the node"
        case .runtimeSocketEscape: "the container runtime's socket starts a privileged container on the node"
        case .sysAdminEscape: "CAP_SYS_ADMIN lets the container mount the node's filesystems"
        case .sysModuleEscape: "CAP_SYS_MODULE loads a kernel module on the node"
        case .nodeRunsWorkload: "root on the node controls every pod it runs"
        case .nodeCredentials: "root on the node holds the kubelet's credentials"
        case .memberOfGroup: "the identity is a member of the group"
        case .boundToRole: "a binding grants the role to the identity"
        case .grantsEverything: "the role allows every verb on every resource"
        case .readSecrets: "the role can read the Secrets"
        case .secretHoldsToken: "the Secret holds the service account's token"
        case .createPodAs: "the role can create pods (or workloads) that run as the service account"
        case .createPrivilegedPod: "the role can create a privileged pod, and nothing enforces Pod Security there"
        case .modifyWorkload: "the role can change the workload's pod template or image"
        case .execIntoPod: "the role can exec into the workload's pods"
        case .createToken: "the role can mint tokens for the service account"
        case .impersonate: "the role can impersonate the identity"
        case .bindOrEscalateRole: "the role can bind or escalate roles to anything"
        case .nodeProxy: "nodes/proxy reaches the kubelet API, which runs commands in any pod"
        case .approveCSR: "the role can create and approve certificate signing requests for any identity"
        case .writeAdmissionWebhook: "the role can install admission webhooks that see or rewrite every object"
        case .createHostPathVolume: "the role can create hostPath PersistentVolumes and mount the node's disk"
        }
    }
}

/// A MITRE ATT&CK technique: id, name and the tactic the move serves.
public struct MitreTechnique: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var tactic: String

    public init(id: String, name: String, tactic: String) {
        self.id = id
        self.name = name
        self.tactic = tactic
    }
}
