import Foundation
import Testing

@testable import PalisadePolicy

/// Replays through the real `AdmissionController` (merged from main): the recorded Falco events
/// and synthetic logs, with decisions as the webhook would make them.
@Suite("Replay: end to end with the real policy")
struct ReplayEndToEndTests {
    /// Baseline enforced, restricted warned and audited; seccomp defaults set by the mutating webhook.
    static let policyYAML = """
        apiVersion: palisade.dev/v1
        kind: AdmissionPolicy
        podSecurity:
          enforce: baseline
          warn: restricted
          audit: restricted
        rules:
          - ids: [K8S-PSS-SECCOMP-RESTRICTED]
            action: warn
            mutate: true
        exemptions:
          namespaces: [kube-system]
        """

    static func policy() throws -> AdmissionPolicy { try AdmissionPolicy.parse(policyYAML, file: "policy.yaml") }

    @Test("the recorded privileged pod is reported as would-be-denied by K8S-PSS-PRIVILEGED")
    func recordedPrivilegedPod() throws {
        let names = ["create_nginx_pod_privileged.json", "create_nginx_pod_hostnetwork.json", "exec_pod.json"]
        let text = try names.map { try ReplayFixtures.text($0) }.joined()
        let report = try replay([("audit.log", text)], policy: try Self.policy())
        #expect(report.totals.replayed == 2)
        #expect(report.totals.denied == 2)
        let privileged = try #require(report.denials["K8S-PSS-PRIVILEGED"])
        #expect(privileged.total == 1)
        let example = try #require(privileged.examples.first)
        #expect(example.auditID == "a362d22b-db3c-4590-9505-23782f12925f")
        #expect(example.time == "2018-10-25T14:09:12.572676Z")
        #expect(example.user == "system:serviceaccount:kube-system:replicaset-controller")
        #expect(example.object == "Pod default/nginx-deployment-5cdcc99dbf-*")
        #expect(example.path == "spec.containers[0].securityContext.privileged")
        #expect(example.source.hasSuffix("audit.log:1"))
        #expect(report.denials["K8S-PSS-HOST-NAMESPACES"]?.total == 1)
        #expect(report.byNamespace["default"]?.denied == 2)
        #expect(report.byUser["system:serviceaccount:kube-system:replicaset-controller"]?.denied == 2)
        #expect(
            report.byWorkload[.init(kind: "ReplicaSet", namespace: "default", name: "nginx-deployment-5cdcc99dbf")]?
                .denied == 1)
    }

    @Test("a pod without seccompProfile is reported as would-be-mutated by K8S-PSS-SECCOMP-RESTRICTED")
    func seccompMutation() throws {
        let lines = [
            ReplayFixtures.line(id: "no-seccomp", requestObject: ReplayFixtures.pod(name: "a", seccomp: false)),
            ReplayFixtures.line(id: "has-seccomp", requestObject: ReplayFixtures.pod(name: "b", seccomp: true)),
        ]
        let report = try replay([("audit.log", lines.joined(separator: "\n"))], policy: try Self.policy())
        #expect(report.totals.replayed == 2)
        #expect(report.totals.denied == 0)
        #expect(report.totals.mutated == 1)
        let mutation = try #require(report.mutations["K8S-PSS-SECCOMP-RESTRICTED"])
        #expect(mutation.total == 1)
        #expect(mutation.examples.first?.auditID == "no-seccomp")
        #expect(mutation.examples.first?.path.contains("seccompProfile") == true)
        #expect(report.byRule["K8S-PSS-SECCOMP-RESTRICTED"]?.mutated == 1)
        // Mutated first, then validated: the patched pod no longer warns about seccomp.
        #expect(report.byRule["K8S-PSS-SECCOMP-RESTRICTED"]?.warned ?? 0 == 0)
    }

    @Test("exempt namespaces and status subresources are replayed but reported as not evaluated")
    func notEvaluated() throws {
        let lines = [
            ReplayFixtures.line(
                id: "sys", uri: "/api/v1/namespaces/kube-system/pods", namespace: "kube-system",
                requestObject: ReplayFixtures.pod(namespace: "kube-system", privileged: true)),
            ReplayFixtures.line(
                id: "st", verb: "update", namespace: "prod", name: "web", subresource: "status", code: 200,
                requestObject: ReplayFixtures.pod(privileged: true)),
        ]
        let report = try replay([("audit.log", lines.joined(separator: "\n"))], policy: try Self.policy())
        #expect(report.totals.replayed == 2)
        #expect(report.totals.notEvaluated == 2)
        #expect(report.totals.denied == 0)
        #expect(report.notEvaluated.count == 2)
    }

    @Test("a Namespace created in the log sets the Pod Security level for later requests")
    func namespaceFromLog() throws {
        let ns =
            #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"locked","#
            + #""labels":{"pod-security.kubernetes.io/enforce":"restricted"}}}"#
        // Baseline-clean, restricted-dirty: no runAsNonRoot, no capability drop.
        func pod(_ namespace: String) -> String {
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"\#(namespace)"},"#
                + #""spec":{"securityContext":{"seccompProfile":{"type":"RuntimeDefault"}},"#
                + #""containers":[{"name":"app","image":"registry.example.com/app:1.0"}]}}"#
        }
        let lines = [
            ReplayFixtures.line(
                id: "before", uri: "/api/v1/namespaces/locked/pods", namespace: "locked", requestObject: pod("locked")),
            ReplayFixtures.line(
                id: "ns", uri: "/api/v1/namespaces", resource: "namespaces", namespace: "", name: "locked",
                requestObject: ns),
            ReplayFixtures.line(
                id: "after", uri: "/api/v1/namespaces/locked/pods", namespace: "locked", requestObject: pod("locked")),
        ]
        let report = try replay([("audit.log", lines.joined(separator: "\n"))], policy: try Self.policy())
        #expect(report.totals.replayed == 3)
        #expect(report.totals.denied == 1)
        let denied = Set(report.denials.values.flatMap(\.examples).map(\.auditID))
        #expect(denied == ["after"])
    }

    @Test("identical requests share one decision; any difference (user, namespace, object) does not")
    func memo() throws {
        let controller = AdmissionController(policy: try Self.policy())
        var memo = ReplayDecisionMemo(capacity: 4)
        var calls = 0
        func decide(_ line: String) throws -> AdmissionDecision {
            guard case .request(let r) = AuditEventRequest.convert(try ReplayFixtures.event(line)) else {
                throw CancellationError()
            }
            return memo.decision(for: r) {
                calls += 1
                return controller.decide($0, mode: .mutateThenValidate)
            }
        }
        let privileged = ReplayFixtures.pod(privileged: true)
        let a = try decide(ReplayFixtures.line(id: "1", requestObject: privileged))
        let b = try decide(ReplayFixtures.line(id: "2", requestObject: privileged))
        #expect(calls == 1)
        #expect(memo.hits == 1)
        #expect(!a.allowed && !b.allowed)
        #expect(a.verdicts == b.verdicts)
        _ = try decide(ReplayFixtures.line(id: "3", user: "bob", requestObject: privileged))
        _ = try decide(ReplayFixtures.line(id: "4", namespace: "other", requestObject: privileged))
        let clean = try decide(ReplayFixtures.line(id: "5", requestObject: ReplayFixtures.pod()))
        #expect(calls == 4)
        #expect(clean.allowed)
        // A Namespace request is always decided and forgets what was memoized.
        let ns = #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"prod"}}"#
        _ = try decide(
            ReplayFixtures.line(id: "6", resource: "namespaces", namespace: "", name: "prod", requestObject: ns))
        _ = try decide(ReplayFixtures.line(id: "7", requestObject: privileged))
        #expect(calls == 6)
    }
}
