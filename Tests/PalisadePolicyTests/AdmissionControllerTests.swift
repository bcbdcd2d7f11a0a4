import Foundation
import PalisadeCore
import PalisadeFormats
import Testing

@testable import PalisadePolicy

@Suite("Admission decisions")
struct AdmissionControllerTests {
    typealias S = PolicyTestSupport

    static let baselinePolicy = """
        apiVersion: palisade.dev/v1
        kind: AdmissionPolicy
        podSecurity:
          enforce: baseline
          warn: restricted
          audit: restricted
        """

    @Test("a privileged pod is denied under baseline, naming rule, field and fix")
    func privilegedDenied() throws {
        let c = AdmissionController(policy: try S.policy(Self.baselinePolicy))
        let d = c.decide(try S.request(S.privilegedPod))
        #expect(!d.allowed)
        let message = try #require(d.message)
        #expect(message.contains("[K8S-PSS-PRIVILEGED] spec.containers[0].securityContext.privileged"))
        #expect(message.contains("Fix: "))
        #expect(message.hasPrefix("Pod \"root\" violates"))
    }

    @Test("a restricted pod is allowed with no warnings")
    func restrictedAllowed() throws {
        let c = AdmissionController(policy: try S.policy(Self.baselinePolicy))
        let d = c.decide(try S.request(S.restrictedPod))
        #expect(d.allowed)
        #expect(d.warnings.isEmpty)
        #expect(d.auditAnnotations.isEmpty)
    }

    @Test("restricted-only violations are warned and audited, not denied, under baseline")
    func warnAndAudit() throws {
        let c = AdmissionController(policy: try S.policy(Self.baselinePolicy))
        let d = c.decide(try S.request(S.plainDeployment, kind: "Deployment"))
        #expect(d.allowed)
        #expect(d.warnings.contains { $0.hasPrefix("[K8S-PSS-RUN-AS-NON-ROOT]") })
        #expect(d.warnings.allSatisfy { $0.utf8.count <= 256 })
        #expect(d.auditAnnotations["k8s-pss-run-as-non-root"] != nil)
        // Workload controllers are judged at their pod template.
        #expect(d.verdicts.contains { $0.path.hasPrefix("spec.template.spec.containers[0]") })
    }

    @Test("namespace labels override the policy's Pod Security defaults")
    func namespaceLabels() throws {
        let c = AdmissionController(policy: try S.policy(Self.baselinePolicy))
        let restricted = c.decide(
            try S.request(
                S.plainDeployment, namespaceLabels: ["pod-security.kubernetes.io/enforce": "restricted"],
                kind: "Deployment"))
        #expect(!restricted.allowed)
        let privileged = c.decide(
            try S.request(S.privilegedPod, namespaceLabels: ["pod-security.kubernetes.io/enforce": "privileged"]))
        #expect(privileged.allowed)
        // An invalid level reads as restricted, as in Pod Security admission.
        let invalid = c.decide(
            try S.request(
                S.plainDeployment, namespaceLabels: ["pod-security.kubernetes.io/enforce": "strict"],
                kind: "Deployment"))
        #expect(!invalid.allowed)
    }

    @Test("namespace labels are learned from Namespace requests, but not from dry runs")
    func namespaceCache() throws {
        let c = AdmissionController(policy: try S.policy(Self.baselinePolicy))
        let ns = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: locked
              labels: {pod-security.kubernetes.io/enforce: restricted}
            """
        _ = c.decide(try S.request(ns, namespace: "", dryRun: true))
        #expect(c.decide(try S.request(S.plainDeployment, namespace: "locked", kind: "Deployment")).allowed)
        _ = c.decide(try S.request(ns, namespace: ""))
        #expect(!c.decide(try S.request(S.plainDeployment, namespace: "locked", kind: "Deployment")).allowed)
        #expect(c.decide(try S.request(S.plainDeployment, namespace: "other", kind: "Deployment")).allowed)
    }

    @Test("exempt users, groups, service accounts, namespaces and runtime classes are not checked")
    func exemptions() throws {
        let c = AdmissionController(
            policy: try S.policy(
                Self.baselinePolicy + """

                    exemptions:
                      usernames: [ops-admin]
                      groups: [break-glass]
                      serviceAccounts: [ci/deployer]
                      namespaces: [kube-*]
                      runtimeClasses: [kata]
                    """))
        #expect(c.decide(try S.request(S.privilegedPod, user: "ops-admin")).skippedBecause != nil)
        #expect(c.decide(try S.request(S.privilegedPod, groups: ["break-glass"])).allowed)
        #expect(c.decide(try S.request(S.privilegedPod, user: "system:serviceaccount:ci:deployer")).allowed)
        #expect(!c.decide(try S.request(S.privilegedPod, user: "system:serviceaccount:ci:other")).allowed)
        #expect(c.decide(try S.request(S.privilegedPod, namespace: "kube-system")).allowed)
        let kata = S.privilegedPod.replacingOccurrences(of: "spec:\n", with: "spec:\n  runtimeClassName: kata\n")
        #expect(c.decide(try S.request(kata)).allowed)
        #expect(!c.decide(try S.request(S.privilegedPod)).allowed)
    }

    @Test("an UPDATE that changes only metadata of a violating object is allowed with a warning")
    func metadataOnlyUpdate() throws {
        let c = AdmissionController(policy: try S.policy(Self.baselinePolicy))
        let relabelled = S.privilegedPod.replacingOccurrences(
            of: "  namespace: team-a\n", with: "  namespace: team-a\n  labels: {tier: debug}\n")
        let metadataOnly = c.decide(try S.request(relabelled, operation: .update, old: S.privilegedPod))
        #expect(metadataOnly.allowed)
        #expect(metadataOnly.warnings.first?.contains("changes only metadata") == true)
        let changed = S.privilegedPod.replacingOccurrences(of: "busybox:1.36", with: "busybox:1.37")
        #expect(!c.decide(try S.request(changed, operation: .update, old: S.privilegedPod)).allowed)
        let strict = AdmissionController(
            policy: try S.policy(Self.baselinePolicy + "\nallowMetadataOnlyUpdates: false\n"))
        #expect(!strict.decide(try S.request(relabelled, operation: .update, old: S.privilegedPod)).allowed)
    }

    @Test("DELETE, CONNECT (pods/exec) and status updates are allowed unchecked; ephemeral containers are checked")
    func operationsAndSubresources() throws {
        let c = AdmissionController(policy: try S.policy(Self.baselinePolicy))
        #expect(c.decide(try S.request(nil, operation: .delete, old: S.privilegedPod, kind: "Pod")).allowed)
        let exec = """
            apiVersion: v1
            kind: PodExecOptions
            command: [sh]
            container: shell
            stdin: true
            tty: true
            """
        let execDecision = c.decide(
            try S.request(exec, operation: .connect, subResource: "exec", kind: "PodExecOptions"))
        #expect(execDecision.allowed && execDecision.skippedBecause != nil)
        #expect(
            c.decide(try S.request(S.privilegedPod, operation: .update, subResource: "status", old: S.privilegedPod))
                .allowed)
        let debugged =
            S.restrictedPod + """

                  ephemeralContainers:
                  - name: debugger
                    image: busybox:1.36
                    securityContext: {privileged: true}
                """
        let d = c.decide(
            try S.request(debugged, operation: .update, subResource: "ephemeralcontainers", old: S.restrictedPod))
        #expect(!d.allowed)
        #expect(d.message?.contains("spec.ephemeralContainers[0].securityContext.privileged") == true)
    }

    @Test("the palisade.dev/ignore annotation does not get an object past an enforced rule")
    func ignoreAnnotationNotHonoured() throws {
        let c = AdmissionController(policy: try S.policy(Self.baselinePolicy))
        let annotated = S.privilegedPod.replacingOccurrences(
            of: "  namespace: team-a\n",
            with: "  namespace: team-a\n  annotations: {palisade.dev/ignore: \"K8S-PSS-*\"}\n")
        #expect(!c.decide(try S.request(annotated)).allowed)
    }

    @Test("rule entries: actions, off, namespaces and selectors")
    func ruleEntries() throws {
        let c = AdmissionController(
            policy: try S.policy(
                """
                apiVersion: palisade.dev/v1
                kind: AdmissionPolicy
                rules:
                  - ids: [K8S-WL-IMAGE-*]
                    action: warn
                  - ids: [K8S-WL-IMAGE-LATEST]
                    action: enforce
                    namespaces: [prod-*]
                  - ids: [K8S-WL-IMAGE-LATEST]
                    action: "off"
                    objectSelector: {matchLabels: {palisade.dev/allow-latest: "true"}}
                """))
        let latest = S.restrictedPod.replacingOccurrences(of: "web:1.2.3", with: "web:latest")
        let dev = c.decide(try S.request(latest, namespace: "dev"))
        #expect(dev.allowed)
        #expect(dev.warnings.contains { $0.hasPrefix("[K8S-WL-IMAGE-LATEST]") })
        #expect(!c.decide(try S.request(latest, namespace: "prod-eu")).allowed)
        let optedOut = latest.replacingOccurrences(
            of: "labels: {app: web}", with: "labels: {app: web, palisade.dev/allow-latest: \"true\"}")
        let d = c.decide(try S.request(optedOut, namespace: "prod-eu"))
        #expect(d.allowed && !d.verdicts.contains { $0.rule == "K8S-WL-IMAGE-LATEST" })
    }

    @Test("registry allow-list")
    func registries() throws {
        let c = AdmissionController(
            policy: try S.policy(
                "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\nregistries:\n  allow: [registry.example.com]\n"))
        #expect(c.decide(try S.request(S.restrictedPod)).allowed)
        let d = c.decide(
            try S.request(
                S.restrictedPod.replacingOccurrences(of: "registry.example.com/web", with: "docker.io/evil/web")))
        #expect(!d.allowed)
        #expect(d.message?.contains("K8S-WL-IMAGE-REGISTRY") == true)
    }

    @Test("a denial with many violations stays short: five listed, the rest counted")
    func longDenial() throws {
        let c = AdmissionController(
            policy: try S.policy(
                Self.baselinePolicy.replacingOccurrences(of: "enforce: baseline", with: "enforce: restricted")))
        var pod =
            "apiVersion: v1\nkind: Pod\nmetadata: {name: many}\nspec:\n  hostNetwork: true\n  hostPID: true\n  containers:\n"
        for i in 0..<8 { pod += "  - name: c\(i)\n    image: x:1\n    securityContext: {privileged: true}\n" }
        let d = c.decide(try S.request(pod))
        let message = try #require(d.message)
        #expect(message.split(separator: "\n").count == 7)
        #expect(message.contains("… and "))
        #expect(message.utf8.count < 2048)
    }

    @Test("failure policy answers for overload")
    func timeoutDecision() throws {
        #expect(AdmissionController(policy: try S.policy(Self.baselinePolicy)).timeoutDecision().allowed)
        #expect(
            !AdmissionController(policy: try S.policy(Self.baselinePolicy + "\nfailurePolicy: Fail\n"))
                .timeoutDecision().allowed)
    }
}
