import Foundation
import PalisadeFormats
import Testing

@testable import PalisadePolicy

/// `ReplayReportBuilder` and the two renderers, fed decisions directly so the grouping is tested
/// independently of any policy.
@Suite("Replay: report")
struct ReplayReportTests {
    static func request(id: String, namespace: String = "prod", name: String = "web", user: String = "alice")
        throws -> AdmissionRequest
    {
        let event = try ReplayFixtures.event(
            ReplayFixtures.line(
                id: id, user: user, namespace: namespace, name: name,
                requestObject: ReplayFixtures.pod(name: name, namespace: namespace, privileged: true)))
        guard case .request(let r) = AuditEventRequest.convert(event) else { throw CancellationError() }
        return r
    }

    static let denied = AdmissionDecision(
        allowed: false, message: "privileged",
        verdicts: [
            .init(
                rule: "K8S-PSS-PRIVILEGED", action: .enforce, message: "container \"app\" is privileged",
                path: "spec.containers[0].securityContext.privileged", fix: "remove it"),
            .init(rule: "K8S-WL-IMAGE-LATEST", action: .warn, message: "w", path: "p", fix: ""),
            .init(rule: "K8S-RBAC-X", action: .audit, message: "a", path: "p", fix: ""),
        ])

    static let mutated = AdmissionDecision(
        allowed: true,
        patch: [
            .init(
                path: "/spec/securityContext/seccompProfile", valueJSON: #"{"type":"RuntimeDefault"}"#,
                rule: "K8S-PSS-SECCOMP-RESTRICTED"),
            .init(
                path: "/spec/containers/0/securityContext/seccompProfile", valueJSON: "{}",
                rule: "K8S-PSS-SECCOMP-RESTRICTED"),
        ])

    static func info(_ n: Int, code: Int = 201) -> ReplayEventInfo {
        ReplayEventInfo(time: "2026-11-20T10:00:0\(n % 10).000000Z", responseCode: code, source: "audit.log:\(n)")
    }

    static func sample() throws -> ReplayReport {
        var b = ReplayReportBuilder(policy: "policy.yaml", examplesPerRule: 2)
        for i in 0..<5 { b.record(try request(id: "d\(i)", name: "web-\(i)"), info(i), denied) }
        b.record(try request(id: "x", namespace: "dev", user: "bob"), info(7, code: 403), denied)
        b.record(try request(id: "m", namespace: "dev", user: "bob"), info(8), mutated)
        b.record(try request(id: "ok"), info(9), AdmissionDecision(allowed: true))
        b.record(
            try request(id: "s", namespace: "kube-system"), info(9),
            AdmissionDecision(allowed: true, skippedBecause: "exempt namespace kube-system"))
        var report = b.report
        report.totals.requests = report.totals.replayed
        return report
    }

    @Test("denials and mutations are grouped by rule, namespace, workload and user")
    func grouping() throws {
        let r = try Self.sample()
        #expect(r.totals.replayed == 9)
        #expect(r.totals.denied == 6)
        #expect(r.totals.mutated == 1)
        #expect(r.totals.warned == 6)
        #expect(r.totals.audited == 6)
        #expect(r.totals.notEvaluated == 1)
        #expect(r.totals.refusedByAPIServer == 1)
        #expect(r.notEvaluated == ["exempt namespace kube-system": 1])
        #expect(r.byRule["K8S-PSS-PRIVILEGED"] == .init(denied: 6))
        #expect(r.byRule["K8S-PSS-SECCOMP-RESTRICTED"] == .init(mutated: 1))
        #expect(r.byRule["K8S-WL-IMAGE-LATEST"] == .init(warned: 6))
        #expect(r.byNamespace["prod"] == .init(denied: 5, warned: 5, audited: 5))
        #expect(r.byNamespace["dev"] == .init(denied: 1, mutated: 1, warned: 1, audited: 1))
        #expect(r.byUser["bob"]?.mutated == 1)
        #expect(r.byWorkload[.init(kind: "Pod", namespace: "prod", name: "web-3")]?.denied == 1)
        #expect(r.wouldDeny)
        let group = try #require(r.denials["K8S-PSS-PRIVILEGED"])
        #expect(group.total == 6)
        #expect(group.examples.count == 2)
        #expect(group.examples[0].path == "spec.containers[0].securityContext.privileged")
        #expect(group.examples[0].object == "Pod prod/web-0")
        #expect(group.examples[0].source == "audit.log:0")
        let m = try #require(r.mutations["K8S-PSS-SECCOMP-RESTRICTED"]?.examples.first)
        #expect(m.path == "/spec/securityContext/seccompProfile, /spec/containers/0/securityContext/seccompProfile")
        // Worst first.
        #expect(ReplayReport.rows(r.byNamespace).map(\.key) == ["prod", "dev"])
    }

    @Test("the table leads with the verdict and lists examples with 'and N more'")
    func table() throws {
        let text = ReplayTableRenderer(maxRows: 1).render(try Self.sample())
        #expect(text.hasPrefix("Replayed 9 of 9 create/update/patch requests against policy.yaml"))
        #expect(text.contains("enforce would have denied 6 requests; 1 would have been mutated"))
        #expect(text.contains("\nBy rule\n"))
        #expect(text.contains("\nBy namespace\n"))
        #expect(text.contains("\nBy workload\n"))
        #expect(text.contains("\nBy user\n"))
        #expect(text.contains("K8S-PSS-PRIVILEGED (6)"))
        #expect(text.contains("spec.containers[0].securityContext.privileged: container \"app\" is privileged"))
        #expect(text.contains("    … and 4 more"))
        #expect(text.contains("(--format json lists all)"))
        #expect(text.contains("exempt namespace kube-system"))
        #expect(ReplayTableRenderer.bytes(999) == "999 B")
        #expect(ReplayTableRenderer.bytes(2_345_678) == "2.3 MB")
    }

    @Test("the JSON report parses and carries every group")
    func json() throws {
        let text = ReplayJSONRenderer.render(try Self.sample(), notes: ["a note"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let totals = try #require(root["totals"] as? [String: Any])
        #expect(totals["denied"] as? Int == 6)
        #expect(totals["refusedByAPIServer"] as? Int == 1)
        let byWorkload = try #require(root["byWorkload"] as? [[String: Any]])
        #expect(byWorkload.count == 6)
        let denials = try #require(root["denials"] as? [[String: Any]])
        #expect(denials.first?["rule"] as? String == "K8S-PSS-PRIVILEGED")
        #expect(denials.first?["total"] as? Int == 6)
        let example = try #require((denials.first?["examples"] as? [[String: Any]])?.first)
        #expect(example["message"] as? String == "container \"app\" is privileged")
        #expect(root["notes"] as? [String] == ["a note"])
    }
}
