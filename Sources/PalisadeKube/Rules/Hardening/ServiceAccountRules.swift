import PalisadeCore
import PalisadeFormats

/// A pod that does not opt out of mounting its service-account token.
struct ServiceAccountTokenAutomount: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-SA-TOKEN-AUTOMOUNT", title: "Pod automounts its service-account token", severity: .medium,
        why: "Every container gets an API token at /var/run/secrets/kubernetes.io/serviceaccount; code execution "
            + "in any container turns into authenticated access to the Kubernetes API with that account's rights.",
        remediation: "Set spec.automountServiceAccountToken: false on pods that do not call the Kubernetes API; "
            + "mount a projected token explicitly where one is needed.",
        frameworks: FrameworkMappings(
            cis: ["5.1.6"], nsa: ["Pod security: protecting pod service account tokens"], mitre: ["T1528", "T1552.007"]
        ),
        references: [HardeningDocs.serviceAccounts])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        if let node = pod.spec["automountServiceAccountToken"], !node.isNull {
            if node.bool == false { return [] }
            return [Violation("pod sets automountServiceAccountToken: \(node.string ?? "?")", at: node)]
        }
        return [
            Violation(
                "pod does not set automountServiceAccountToken: false, so its service-account token is mounted",
                missing: "automountServiceAccountToken", under: pod.spec)
        ]
    }
}

/// A workload that runs as the namespace's `default` service account.
struct DefaultServiceAccount: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-DEFAULT-SERVICE-ACCOUNT", title: "Workload runs as the default service account", severity: .low,
        why: "The default service account is shared by every pod in the namespace that names none; rights granted "
            + "to it for one workload leak to all of them, and their API activity cannot be told apart.",
        remediation: "Create a dedicated ServiceAccount per workload and set spec.serviceAccountName to it.",
        frameworks: FrameworkMappings(
            cis: ["5.1.5"], nsa: ["Authentication and authorization: service accounts"], mitre: ["T1078"]),
        references: [HardeningDocs.serviceAccounts])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        for key in ["serviceAccountName", "serviceAccount"] {
            guard let node = pod.spec[key], let name = node.string, !name.isEmpty else { continue }
            if name == "default" { return [Violation("pod sets \(key): default", at: node)] }
            return []
        }
        return [
            Violation(
                "pod sets no serviceAccountName, so it runs as the namespace's default service account",
                missing: "serviceAccountName", under: pod.spec)
        ]
    }
}

/// A ServiceAccount object that does not disable token automounting for the pods using it.
struct ServiceAccountAutomount: ObjectRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-SERVICEACCOUNT-AUTOMOUNT", title: "ServiceAccount allows token automounting", severity: .low,
        why: "Unless the ServiceAccount sets automountServiceAccountToken: false, every pod using it gets an API "
            + "token mounted by default, including pods that never call the API; the default account is the worst "
            + "case, since every pod that names no account uses it.",
        remediation: "Set automountServiceAccountToken: false on the ServiceAccount (at least on `default`) and "
            + "opt in per pod where a token is needed.",
        frameworks: FrameworkMappings(
            cis: ["5.1.5", "5.1.6"], nsa: ["Pod security: protecting pod service account tokens"],
            mitre: ["T1528"]),
        references: [HardeningDocs.serviceAccounts])

    func applies(to object: KubeObject) -> Bool { object.kind == "ServiceAccount" && object.apiGroup.isEmpty }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        let what = object.name == "default" ? "the default ServiceAccount" : "ServiceAccount \"\(object.name)\""
        if let node = object.root["automountServiceAccountToken"], !node.isNull {
            if node.bool == false { return [] }
            return [Violation("\(what) sets automountServiceAccountToken: \(node.string ?? "?")", at: node)]
        }
        return [
            Violation(
                "\(what) does not set automountServiceAccountToken: false", missing: "automountServiceAccountToken",
                under: object.root)
        ]
    }
}
