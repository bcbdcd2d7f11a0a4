import PalisadeCore
import PalisadeFormats

extension RuleMetadata {
    /// Metadata for a workload-hardening rule: category and reference list shared by every `K8S-WL-*` rule.
    static func workloadHardening(
        id: String, title: String, severity: Severity, why: String, remediation: String,
        frameworks: FrameworkMappings, references: [String] = []
    ) -> RuleMetadata {
        RuleMetadata(
            id: id, title: title, severity: severity, category: "Workload hardening", why: why,
            remediation: remediation, frameworks: frameworks, references: references)
    }
}

/// Kubernetes documentation pages the hardening rules cite.
enum HardeningDocs {
    static let securityContext = "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"
    static let resources = "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"
    static let images = "https://kubernetes.io/docs/concepts/containers/images/"
    static let serviceAccounts = "https://kubernetes.io/docs/concepts/security/service-accounts/"
    static let secrets = "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"
    static let hostPath = "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath"
    static let probes =
        "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"
    static let namespaces = "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"
    static let seccomp = "https://kubernetes.io/docs/tutorials/security/seccomp/"
    static let checklist = "https://kubernetes.io/docs/concepts/security/security-checklist/"
    static let dns = "https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy"
    static let hostAliases =
        "https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/"
    static let shareProcess = "https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/"
    static let disruptions = "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/"
}

extension PodSpecView {
    /// Pods that run to completion (Jobs, CronJobs, pods with `restartPolicy` Never/OnFailure): probes
    /// and replica counts mean little for them.
    var runsToCompletion: Bool {
        if object.kind == "Job" || object.kind == "CronJob" { return true }
        switch spec["restartPolicy"]?.string {
        case "Never", "OnFailure": return true
        default: return false
        }
    }
}

/// Small predicates on nodes shared by the hardening rules.
enum YAMLNodeChecks {
    /// Whether a field is set to something other than null or an empty string.
    static func isSet(_ node: YAMLNode?) -> Bool {
        guard let node else { return false }
        if node.isNull { return false }
        if let s = node.scalar?.value, s.isEmpty { return false }
        return true
    }
}
