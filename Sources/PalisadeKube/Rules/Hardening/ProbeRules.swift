import PalisadeCore
import PalisadeFormats

/// A long-running container without a liveness or readiness probe. Init containers, Jobs, CronJobs and pods
/// that run to completion are exempt.
struct MissingProbe: WorkloadRule {
    enum Probe: String, Sendable {
        case liveness = "livenessProbe"
        case readiness = "readinessProbe"
    }

    let probe: Probe
    let metadata: RuleMetadata

    init(_ probe: Probe) {
        self.probe = probe
        switch probe {
        case .liveness:
            metadata = .workloadHardening(
                id: "K8S-WL-NO-LIVENESS-PROBE", title: "Container has no liveness probe", severity: .low,
                why: "Without a liveness probe a hung or deadlocked container (for example after resource "
                    + "exhaustion) keeps running and is never restarted, prolonging an outage or a DoS.",
                remediation: "Add a livenessProbe (httpGet, tcpSocket, grpc or exec) that fails when the process "
                    + "can no longer make progress.",
                frameworks: FrameworkMappings(mitre: ["T1499"]), references: [HardeningDocs.probes])
        case .readiness:
            metadata = .workloadHardening(
                id: "K8S-WL-NO-READINESS-PROBE", title: "Container has no readiness probe", severity: .low,
                why: "Without a readiness probe traffic is sent to the container as soon as it starts and while "
                    + "it is overloaded or half-initialised, turning partial failures into user-visible errors.",
                remediation: "Add a readinessProbe that succeeds only when the container can serve requests.",
                frameworks: FrameworkMappings(mitre: ["T1499"]), references: [HardeningDocs.probes])
        }
    }

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        guard !pod.runsToCompletion else { return [] }
        var out: [Violation] = []
        for c in pod.containers where c.kind == .container && !YAMLNodeChecks.isSet(c.node[probe.rawValue]) {
            out.append(Violation("\(c.label) has no \(probe.rawValue)", missing: probe.rawValue, under: c.node))
        }
        return out
    }
}
