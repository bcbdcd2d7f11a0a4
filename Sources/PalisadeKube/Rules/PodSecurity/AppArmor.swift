import PalisadeCore
import PalisadeFormats

/// Baseline "AppArmor" (upstream check `appArmorProfile`, v1.0+): both the `appArmorProfile`
/// fields and the deprecated `container.apparmor.security.beta.kubernetes.io/*` annotations.
struct AppArmor: WorkloadRule {
    let metadata = PodSecurityMetadata.make(
        id: "K8S-PSS-APPARMOR", title: "AppArmor confinement disabled", severity: .medium, level: .baseline,
        control: "AppArmor",
        why:
            "The runtime's default AppArmor profile blocks mounts, raw kernel interfaces and writes to /proc and /sys that container escapes rely on; an Unconfined profile removes that layer.",
        remediation:
            "Set appArmorProfile.type to RuntimeDefault or Localhost (or the annotation to runtime/default or localhost/<profile>), or remove the override.",
        nsa: ["Pod security: AppArmor"], mitre: ["T1611"], nist: [.orchestrator, .container],
        references: ["https://kubernetes.io/docs/tutorials/security/apparmor/"])

    static let annotationPrefix = "container.apparmor.security.beta.kubernetes.io/"

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        if let profile = pod.podSecurityContext?.pssMapping("appArmorProfile") {
            check(profile, setter: "pod", &out)
        }
        for c in pod.containers {
            if let profile = c.securityContext?.pssMapping("appArmorProfile") { check(profile, setter: c.label, &out) }
        }
        for pair in pod.pssAnnotationPairs where pair.key.hasPrefix(Self.annotationPrefix) {
            guard pair.value.scalar != nil, pod.pssIsEffectiveAnnotation(pair) else { continue }
            let value = pair.value.string ?? ""
            if value.isEmpty || value == "runtime/default" || value.hasPrefix("localhost/") { continue }
            out.append(Violation("pod annotation \(pair.key) is \"\(value)\"", at: pair.value))
        }
        return out
    }

    private func check(_ profile: YAMLNode, setter: String, _ out: inout [Violation]) {
        let type = profile.pssString("type") ?? ""
        if type == "RuntimeDefault" || type == "Localhost" { return }
        if let n = profile["type"], !n.isNull {
            out.append(Violation("\(setter) sets securityContext.appArmorProfile.type: \(type)", at: n))
        } else {
            out.append(Violation("\(setter) sets securityContext.appArmorProfile without a type", at: profile))
        }
    }
}
