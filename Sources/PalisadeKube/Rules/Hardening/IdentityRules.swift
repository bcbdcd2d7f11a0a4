import PalisadeCore
import PalisadeFormats

/// A container running as a UID or GID below 10000, which may collide with users on the node.
/// UID 0 is Pod Security's `runAsUser` finding and is not repeated here; GID 0 is reported.
struct LowIDRule: WorkloadRule {
    enum Field: String, Sendable {
        case user = "runAsUser"
        case group = "runAsGroup"
    }

    let field: Field
    let metadata: RuleMetadata
    static let threshold = 10000

    init(_ field: Field) {
        self.field = field
        let noun = field == .user ? "UID" : "GID"
        metadata = .workloadHardening(
            id: field == .user ? "K8S-WL-LOW-UID" : "K8S-WL-LOW-GID",
            title: "Container runs with a \(noun) below 10000",
            severity: .low,
            why: "Low \(noun)s are those of real users and daemons on nodes; a process escaping the container keeps "
                + "its \(noun) and gets that account's access to host files (and, for GID 0, the root group's).",
            remediation: "Set securityContext.\(field.rawValue) to a value of 10000 or more (pod level for all "
                + "containers), matching a user the image prepares.",
            frameworks: FrameworkMappings(
                nsa: ["Pod security: non-root containers"], mitre: ["T1611"], nist: [.container]),
            references: [HardeningDocs.securityContext])
    }

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard !pod.isWindows else { return [] }
        var out: [Violation] = []
        var reported: Set<Int32> = []
        let minimum = field == .user ? 1 : 0
        for c in pod.containers {
            guard let node = pod.effectiveSecurityField(field.rawValue, for: c), let id = node.int,
                id >= minimum, id < Self.threshold
            else { continue }
            guard reported.insert(node.id).inserted else { continue }
            let owner = c.securityContext?[field.rawValue].map { _ in c.label } ?? "pod"
            out.append(Violation("\(owner) sets \(field.rawValue): \(id) (below \(Self.threshold))", at: node))
        }
        return out
    }
}

/// A container with no `securityContext` at all (or an empty one): every hardening setting is left at the
/// runtime's permissive default.
struct MissingContainerSecurityContext: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-NO-SECURITY-CONTEXT", title: "Container has no securityContext", severity: .low,
        why: "A container without a securityContext runs with the image's user, a writable root filesystem, the "
            + "default capability set and privilege escalation allowed: nothing limits a compromise.",
        remediation: "Add a securityContext with allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, "
            + "runAsNonRoot: true and capabilities.drop: [ALL].",
        frameworks: FrameworkMappings(
            cis: ["5.7.3"], nsa: ["Pod security: hardening container environments"], nist: [.container]),
        references: [HardeningDocs.securityContext])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers where c.kind != .ephemeralContainer {
            if let node = c.node["securityContext"], !node.isNull {
                if let pairs = node.pairs, pairs.isEmpty {
                    out.append(Violation("\(c.label) has an empty securityContext", at: node))
                }
                continue
            }
            out.append(Violation("\(c.label) has no securityContext", missing: "securityContext", under: c.node))
        }
        return out
    }
}
