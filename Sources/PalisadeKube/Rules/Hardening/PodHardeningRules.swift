import PalisadeCore
import PalisadeFormats

/// A container port bound on the node (`hostPort`), as a best-practice finding independent of Pod Security.
struct HostPortSet: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-HOST-PORT", title: "Container binds a port on the node (hostPort)", severity: .low,
        why: "A hostPort exposes the container on the node's IP, bypassing Services and most NetworkPolicy "
            + "implementations, and limits scheduling to one such pod per node.",
        remediation: "Remove hostPort and expose the container through a Service (ClusterIP, NodePort or "
            + "LoadBalancer) or an Ingress.",
        frameworks: FrameworkMappings(cis: ["5.2.13"], nsa: ["Network separation and hardening"], mitre: ["T1133"]),
        references: ["https://kubernetes.io/docs/concepts/configuration/overview/#services"])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            for p in c.node["ports"]?.items ?? [] {
                guard let node = p["hostPort"], let port = node.int, port > 0 else { continue }
                out.append(Violation("\(c.label) binds hostPort \(port)", at: node))
            }
        }
        return out
    }
}

/// A container exposing port 22, usually an SSH server inside the container.
struct SSHPortExposed: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-SSH-PORT", title: "Container exposes the SSH port", severity: .medium,
        why: "An SSH daemon in a container is an extra remote-login surface with its own credentials, outside "
            + "Kubernetes RBAC and audit logging, and a classic target for brute force.",
        remediation: "Remove the SSH server and port 22; use `kubectl exec` or ephemeral debug containers, which "
            + "are authorised and audited by the API server.",
        frameworks: FrameworkMappings(nsa: ["Network separation and hardening"], mitre: ["T1133", "T1021"]),
        references: [HardeningDocs.checklist])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            for p in c.node["ports"]?.items ?? [] {
                guard let node = p["containerPort"], node.int == 22 else { continue }
                out.append(Violation("\(c.label) exposes containerPort 22 (SSH)", at: node))
            }
        }
        return out
    }
}

/// A pod sharing one process namespace between its containers.
struct ShareProcessNamespace: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-SHARE-PROCESS-NAMESPACE", title: "Pod shares a process namespace between containers",
        severity: .medium,
        why: "With shareProcessNamespace every container sees, signals and (with ptrace) inspects the others' "
            + "processes and reads their filesystems through /proc/<pid>/root, so a compromised sidecar reaches "
            + "the main container's secrets.",
        remediation: "Remove shareProcessNamespace: true unless a debugging or sidecar pattern truly requires it.",
        frameworks: FrameworkMappings(
            nsa: ["Pod security: hardening container environments"], mitre: ["T1055"], nist: [.container]),
        references: [HardeningDocs.shareProcess])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard let node = pod.spec["shareProcessNamespace"], node.bool == true else { return [] }
        return [Violation("pod sets shareProcessNamespace: true", at: node)]
    }
}

/// A pod without a pod-level seccomp profile. Pods whose every container sets its own profile are exempt;
/// an explicit `Unconfined` profile is Pod Security's finding.
struct MissingPodSeccompProfile: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-NO-POD-SECCOMP", title: "Pod sets no seccomp profile", severity: .low,
        why: "Without a seccomp profile containers may run unconfined and reach the full syscall surface of the "
            + "node's kernel, the usual path of kernel-exploit container escapes.",
        remediation: "Set spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost with a tailored "
            + "profile) at pod level so every container, including injected sidecars, inherits it.",
        frameworks: FrameworkMappings(
            cis: ["5.7.2"], nsa: ["Pod security: hardening container environments"], mitre: ["T1611", "T1068"],
            nist: [.container, .host]),
        references: [HardeningDocs.seccomp])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard !pod.isWindows else { return [] }
        if YAMLNodeChecks.isSet(pod.podSecurityContext?["seccompProfile"]) { return [] }
        let containers = pod.containers
        if !containers.isEmpty && containers.allSatisfy({ YAMLNodeChecks.isSet($0.securityContext?["seccompProfile"]) })
        {
            return []
        }
        return [
            Violation(
                "pod sets no securityContext.seccompProfile", missing: "securityContext.seccompProfile",
                under: pod.spec)
        ]
    }
}

/// A pod with `hostAliases` entries, which rewrite its /etc/hosts.
struct HostAliasesSet: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-HOST-ALIASES", title: "Pod overrides name resolution with hostAliases", severity: .low,
        why: "hostAliases pin names to fixed IPs in /etc/hosts, bypassing cluster DNS and DNS-based egress "
            + "controls; a stale or malicious entry silently redirects traffic (including credentials) elsewhere.",
        remediation: "Remove hostAliases and publish the names through DNS (a Service, ExternalName or CoreDNS "
            + "configuration).",
        frameworks: FrameworkMappings(mitre: ["T1557"]), references: [HardeningDocs.hostAliases])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard let node = pod.spec["hostAliases"], let items = node.items, !items.isEmpty else { return [] }
        var names: [String] = []
        for item in items {
            let ip = item["ip"]?.string ?? "?"
            for h in item["hostnames"]?.list ?? [] { names.append("\(h.string ?? "?") -> \(ip)") }
        }
        let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
        return [Violation("pod sets hostAliases (\(shown))", at: node)]
    }
}

/// A pod using the node's DNS configuration (`dnsPolicy: Default`) instead of cluster DNS.
struct DNSPolicyDefault: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-DNS-POLICY-DEFAULT", title: "Pod uses the node's DNS resolver (dnsPolicy: Default)",
        severity: .low,
        why: "dnsPolicy: Default makes the pod use the node's resolv.conf: it bypasses cluster DNS policies and "
            + "logging and can resolve infrastructure names meant only for nodes.",
        remediation: "Use dnsPolicy: ClusterFirst (the default when the field is omitted), or "
            + "ClusterFirstWithHostNet for hostNetwork pods.",
        frameworks: FrameworkMappings(nsa: ["Network separation and hardening"], mitre: ["T1016"]),
        references: [HardeningDocs.dns])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard let node = pod.spec["dnsPolicy"], node.string == "Default" else { return [] }
        return [Violation("pod sets dnsPolicy: Default", at: node)]
    }
}
