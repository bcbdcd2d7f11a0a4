import PalisadeCore
import PalisadeFormats
import PalisadeSeccomp

/// Rules about `seccompProfile.type: Localhost` profiles, judged from the files of a kubelet seccomp
/// directory given with `palisade k8s --seccomp-dir`. Without the directory they stay silent: the
/// manifest alone cannot tell a tailored profile from one that allows everything.
enum LocalhostSeccompRules {
    static let all: [any WorkloadRule] = [
        LocalhostProfileMissing(), LocalhostProfilePermissive(), LocalhostProfileBroken(),
    ]

    static let frameworks = FrameworkMappings(
        cis: ["5.7.2"], nsa: ["Pod security: seccomp"], mitre: ["T1611"], nist: [.container, .orchestrator])

    /// One `Localhost` reference: the node of `localhostProfile` and who uses it.
    struct Reference {
        var path: String
        var node: YAMLNode
        var owner: String
    }

    /// The pod-level reference (when some container inherits it) and each container's own.
    static func references(_ pod: PodSpecView) -> [Reference] {
        var out: [Reference] = []
        func reference(_ securityContext: YAMLNode?, owner: String) -> Reference? {
            guard let profile = securityContext?["seccompProfile"], profile["type"]?.string == "Localhost",
                let node = profile["localhostProfile"], let path = node.string
            else { return nil }
            return Reference(path: path, node: node, owner: owner)
        }
        let inherits = pod.containers.contains { $0.securityContext?["seccompProfile"] == nil }
        if inherits, let pod = reference(pod.podSecurityContext, owner: "the pod") { out.append(pod) }
        for container in pod.containers {
            if let own = reference(container.securityContext, owner: container.label) { out.append(own) }
        }
        return out
    }
}

/// A `Localhost` profile that is not in the seccomp directory: the kubelet fails the container.
struct LocalhostProfileMissing: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-SECCOMP-LOCALHOST-MISSING", title: "Localhost seccomp profile not found", severity: .medium,
        why: "The kubelet looks the profile up under its seccomp directory when the container is created; a missing "
            + "file fails the container with CreateContainerError, and a typo can only be found on the node.",
        remediation: "Install the profile on every node under /var/lib/kubelet/seccomp (or with the Security "
            + "Profiles Operator), or fix localhostProfile.",
        frameworks: LocalhostSeccompRules.frameworks, references: [HardeningDocs.seccomp])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard let profiles = context.localhostProfiles else { return [] }
        return LocalhostSeccompRules.references(pod).compactMap { ref in
            guard profiles.entry(for: ref.path) == nil else { return nil }
            return Violation(
                "\(ref.owner) uses Localhost seccomp profile \"\(ref.path)\", which is not in \(profiles.directory)",
                at: ref.node)
        }
    }
}

/// A `Localhost` profile that opens what the runtime default keeps closed.
struct LocalhostProfilePermissive: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-SECCOMP-LOCALHOST-PERMISSIVE", title: "Localhost seccomp profile is weaker than the runtime default",
        severity: .high,
        why: "A Localhost profile replaces RuntimeDefault entirely; if it allows every syscall by default, or "
            + "allows ptrace, mount, unshare, bpf, keyctl and the like, the pod is less confined than with no "
            + "custom profile at all, while the manifest looks hardened.",
        remediation: "Regenerate the profile from the workload's real syscalls (palisade seccomp record) and check "
            + "it with palisade seccomp check; or use RuntimeDefault.",
        frameworks: LocalhostSeccompRules.frameworks, references: [HardeningDocs.seccomp])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard let profiles = context.localhostProfiles else { return [] }
        return LocalhostSeccompRules.references(pod).compactMap { ref in
            guard case .graded(let findings)? = profiles.entry(for: ref.path) else { return nil }
            let weak = findings.filter {
                [SeccompRules.defaultAllow.id, SeccompRules.defaultLog.id, SeccompRules.dangerousSyscall.id]
                    .contains($0.ruleId)
            }
            guard !weak.isEmpty else { return nil }
            var problems: [String] = []
            if weak.contains(where: { $0.ruleId == SeccompRules.defaultAllow.id }) {
                problems.append("allows every syscall it does not name (defaultAction SCMP_ACT_ALLOW)")
            }
            if weak.contains(where: { $0.ruleId == SeccompRules.defaultLog.id }) {
                problems.append("only logs (defaultAction SCMP_ACT_LOG)")
            }
            let names = DangerousSyscalls.byImportance(
                weak.filter { $0.ruleId == SeccompRules.dangerousSyscall.id }.compactMap(\.evidence))
            if !names.isEmpty {
                let shown = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …" : "")
                problems.append("allows \(shown), which the runtime default denies")
            }
            return Violation(
                "\(ref.owner) uses Localhost seccomp profile \"\(ref.path)\", which "
                    + problems.joined(separator: "; "), at: ref.node)
        }
    }
}

/// A `Localhost` profile the runtime cannot load or start a container under.
struct LocalhostProfileBroken: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-SECCOMP-LOCALHOST-BROKEN", title: "Localhost seccomp profile cannot start the container",
        severity: .medium,
        why: "A profile that does not parse, uses an action or architecture runc does not know, or lacks the "
            + "syscalls runc makes before the workload starts fails the container at creation.",
        remediation: "Fix the profile (palisade seccomp check names the problem) or regenerate it with palisade "
            + "seccomp generate, which adds the runtime's syscalls.",
        frameworks: LocalhostSeccompRules.frameworks, references: [HardeningDocs.seccomp])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard let profiles = context.localhostProfiles else { return [] }
        return LocalhostSeccompRules.references(pod).compactMap { ref in
            switch profiles.entry(for: ref.path) {
            case .invalid(let reason)?:
                return Violation(
                    "\(ref.owner) uses Localhost seccomp profile \"\(ref.path)\", which does not load: \(reason)",
                    at: ref.node)
            case .graded(let findings)?:
                let broken = findings.filter {
                    [
                        SeccompRules.unsupportedAction.id, SeccompRules.unknownArchitecture.id,
                        SeccompRules.missingRuntimeMinimum.id,
                    ].contains($0.ruleId)
                }
                guard let first = broken.first else { return nil }
                return Violation(
                    "\(ref.owner) uses Localhost seccomp profile \"\(ref.path)\", which cannot start the container: "
                        + first.message, at: ref.node)
            case nil:
                return nil
            }
        }
    }
}
