import PalisadeCore
import PalisadeFormats

/// A container without a CPU or memory request or limit. One rule per resource and bound, so users can
/// enforce memory limits (node-wide out-of-memory) while tolerating, say, missing CPU limits.
struct MissingResourceRule: WorkloadRule {
    enum Resource: String, Sendable { case cpu, memory }
    enum Bound: String, Sendable { case requests, limits }

    let resource: Resource
    let bound: Bound
    let metadata: RuleMetadata
    private let missingPath: String
    private let what: String

    init(_ resource: Resource, _ bound: Bound) {
        self.resource = resource
        self.bound = bound
        missingPath = "resources.\(bound.rawValue).\(resource.rawValue)"
        what = "\(resource == .cpu ? "CPU" : "memory") \(bound == .limits ? "limit" : "request")"
        let idPart = "\(resource == .cpu ? "CPU" : "MEMORY")-\(bound == .limits ? "LIMIT" : "REQUEST")"
        let why: String
        let severity: Severity
        switch (resource, bound) {
        case (.memory, .limits):
            severity = .medium
            why =
                "Without a memory limit a leaking or compromised container can consume all of the node's memory, "
                + "making the kernel OOM-kill other tenants' pods and node daemons (denial of service)."
        case (.cpu, .limits):
            severity = .low
            why =
                "Without a CPU limit a compromised container (for example running a cryptominer) can take every "
                + "idle core of the node and starve neighbouring workloads."
        case (.memory, .requests):
            severity = .low
            why =
                "Without a memory request the scheduler assumes the pod needs nothing, over-packs nodes and the "
                + "pod is among the first evicted under memory pressure."
        case (.cpu, .requests):
            severity = .low
            why =
                "Without a CPU request the scheduler places the pod as if it used no CPU and, under contention, "
                + "the container gets the smallest share, so noisy or hostile neighbours can starve it."
        }
        metadata = .workloadHardening(
            id: "K8S-WL-\(idPart)", title: "Container has no \(what)", severity: severity, why: why,
            remediation: "Set resources.\(bound.rawValue).\(resource.rawValue) on every container and init container, "
                + "sized from observed usage; enforce defaults per namespace with a LimitRange.",
            frameworks: FrameworkMappings(
                nsa: ["Pod security: resource requests and limits"], mitre: ["T1496", "T1499"]),
            references: [HardeningDocs.resources])
    }

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers where c.kind != .ephemeralContainer {
            if YAMLNodeChecks.isSet(c.node["resources"]?[bound.rawValue]?[resource.rawValue]) { continue }
            out.append(Violation("\(c.label) sets no \(what) (\(missingPath))", missing: missingPath, under: c.node))
        }
        return out
    }
}
