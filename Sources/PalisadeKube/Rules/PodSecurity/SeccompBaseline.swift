import PalisadeCore
import PalisadeFormats

/// Baseline "Seccomp" (upstream check `seccompProfile_baseline`): before v1.19 the alpha seccomp
/// annotations, from v1.19 the `seccompProfile` fields; an explicit Unconfined profile is forbidden.
struct SeccompBaseline: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-SECCOMP-BASELINE", title: "Seccomp explicitly disabled", severity: .medium, level: .baseline,
        control: "Seccomp",
        why:
            "Seccomp filters the system calls a container can make; an Unconfined profile re-opens the kernel attack surface (keyctl, unshare, bpf, …) used by most container-escape exploits.",
        remediation: "Set seccompProfile.type to RuntimeDefault or Localhost, or remove the Unconfined override.",
        cis: ["5.7.2"], nsa: ["Pod security: seccomp"], mitre: ["T1611"], nist: [.orchestrator, .container],
        references: ["https://kubernetes.io/docs/tutorials/security/seccomp/"])

    static let podAnnotation = "seccomp.security.alpha.kubernetes.io/pod"
    static let containerAnnotationPrefix = "container.seccomp.security.alpha.kubernetes.io/"

    static func validType(_ type: String) -> Bool { type == "RuntimeDefault" || type == "Localhost" }

    static func validAnnotation(_ value: String) -> Bool {
        value == "runtime/default" || value == "docker/default" || value.hasPrefix("localhost/")
    }

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        context.podSecurityVersion.atLeast(19) ? fields(pod) : annotations(pod)
    }

    private func fields(_ pod: PodSpecView) -> [Violation] {
        var out: [Violation] = []
        if let profile = pod.podSecurityContext?.pssMapping("seccompProfile") { check(profile, "pod", &out) }
        for c in pod.containers {
            if let profile = c.securityContext?.pssMapping("seccompProfile") { check(profile, c.label, &out) }
        }
        return out
    }

    private func check(_ profile: YAMLNode, _ setter: String, _ out: inout [Violation]) {
        let type = profile.pssString("type") ?? ""
        if Self.validType(type) { return }
        if let n = profile.pssValue("type") {
            out.append(Violation("\(setter) sets securityContext.seccompProfile.type: \(type)", at: n))
        } else {
            out.append(Violation("\(setter) sets securityContext.seccompProfile without a type", at: profile))
        }
    }

    private func annotations(_ pod: PodSpecView) -> [Violation] {
        let pairs = pod.pssAnnotationPairs
        guard !pairs.isEmpty else { return [] }
        var out: [Violation] = []
        for pair in pairs {
            guard pair.value.scalar != nil else { continue }
            if pair.key == Self.podAnnotation {
                // Applies to the pod as a whole.
            } else if pair.key.hasPrefix(Self.containerAnnotationPrefix) {
                // Only annotations naming one of the pod's containers count.
                let name = pair.key.dropFirst(Self.containerAnnotationPrefix.count)
                guard pod.containers.contains(where: { c in c.node["name"]?.string.map { name == $0 } ?? false }) else {
                    continue
                }
            } else {
                continue
            }
            let value = pair.value.string ?? ""
            guard !Self.validAnnotation(value), pod.pssIsEffectiveAnnotation(pair) else { continue }
            out.append(Violation("pod annotation \(pair.key) is \"\(value)\"", at: pair.value))
        }
        return out
    }
}
