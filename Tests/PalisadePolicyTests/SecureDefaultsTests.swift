import Foundation
import PalisadeCore
import PalisadeFormats
import Testing

@testable import PalisadePolicy

@Suite("Mutation: secure defaults as JSONPatch")
struct SecureDefaultsTests {
    typealias S = PolicyTestSupport

    static let mutatingPolicy = """
        apiVersion: palisade.dev/v1
        kind: AdmissionPolicy
        podSecurity: {enforce: restricted}
        rules:
          - ids: [K8S-PSS-SECCOMP-RESTRICTED, K8S-PSS-PRIVILEGE-ESCALATION, K8S-PSS-CAPABILITIES-RESTRICTED, K8S-PSS-RUN-AS-NON-ROOT]
            action: enforce
            mutate: true
        """

    /// Decodes the response's base64 patch and applies it, as the API server does.
    static func applyResponsePatch(_ decision: AdmissionDecision, to object: YAMLNode) throws -> YAMLNode {
        let body = AdmissionReviewCodec.encode(uid: "u", decision: decision, includePatch: true)
        let response = try JSONTreeParser().parse(body, file: "response")["response"]!
        #expect(response["patchType"]?.string == "JSONPatch")
        let data = try #require(Data(base64Encoded: response["patch"]!.string!))
        let patch = try JSONTreeParser().parse(Array(data), file: "patch")
        let ops = patch.list.map {
            AdmissionDecision.PatchOperation(
                op: $0["op"]!.string!, path: $0["path"]!.string!, valueJSON: JSONWriter.json($0["value"]!), rule: "")
        }
        return try JSONPatch.apply(ops, to: object)
    }

    @Test("a bare Deployment gets every default, then passes restricted, and a second pass patches nothing")
    func deploymentDefaults() throws {
        let c = AdmissionController(policy: try S.policy(Self.mutatingPolicy))
        let request = try S.request(S.plainDeployment, kind: "Deployment")
        #expect(!c.decide(request).allowed)
        let decision = c.decide(request, mode: .mutate)
        #expect(decision.allowed)
        #expect(!decision.patch.isEmpty)
        let patched = try Self.applyResponsePatch(decision, to: request.object!)
        let spec = patched["spec"]!["template"]!["spec"]!
        #expect(spec["securityContext"]?["seccompProfile"]?["type"]?.string == "RuntimeDefault")
        #expect(spec["securityContext"]?["runAsNonRoot"]?.bool == true)
        for container in spec["containers"]!.list {
            #expect(container["securityContext"]?["allowPrivilegeEscalation"]?.bool == false)
            #expect(container["securityContext"]?["capabilities"]?["drop"]?.list.first?.string == "ALL")
        }
        // The sidecar's existing field is kept.
        #expect(spec["containers"]!.list[1]["securityContext"]?["readOnlyRootFilesystem"]?.bool == true)
        let again = try S.request(JSONWriter.json(patched), kind: "Deployment")
        #expect(c.decide(again, mode: .mutate).patch.isEmpty)
        #expect(c.decide(again).allowed)
        // Replay's view: patch first, then validate the patched object.
        let both = c.decide(request, mode: .mutateThenValidate)
        #expect(both.allowed && !both.patch.isEmpty)
    }

    @Test("fields that are set are never changed, and privileged containers keep escalation unset")
    func onlyUnset() throws {
        let c = AdmissionController(policy: try S.policy(Self.mutatingPolicy))
        let pod = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              securityContext:
                seccompProfile: {type: Unconfined}
              containers:
              - name: a
                image: x:1
                securityContext:
                  privileged: true
                  capabilities: {add: [NET_ADMIN]}
              - name: b
                image: x:1
                securityContext:
                  runAsUser: 0
            """
        let request = try S.request(pod)
        let decision = c.decide(request, mode: .mutate)
        let patched = try Self.applyResponsePatch(decision, to: request.object!)
        let spec = patched["spec"]!
        #expect(spec["securityContext"]?["seccompProfile"]?["type"]?.string == "Unconfined")
        #expect(spec["securityContext"]?["runAsNonRoot"] == nil)
        let a = spec["containers"]!.list[0]["securityContext"]!
        #expect(a["allowPrivilegeEscalation"] == nil)
        #expect(a["capabilities"]?["drop"]?.list.first?.string == "ALL")
        #expect(a["capabilities"]?["add"]?.list.first?.string == "NET_ADMIN")
        let b = spec["containers"]!.list[1]["securityContext"]!
        #expect(b["allowPrivilegeEscalation"]?.bool == false)
        #expect(b["runAsUser"]?.int == 0)
    }

    @Test("rules without mutate: true produce no patch; Windows pods and non-workloads are left alone")
    func optIn() throws {
        let validateOnly = AdmissionController(
            policy: try S.policy(
                "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\npodSecurity: {enforce: restricted}\n"))
        #expect(validateOnly.decide(try S.request(S.plainDeployment, kind: "Deployment"), mode: .mutate).patch.isEmpty)
        let c = AdmissionController(policy: try S.policy(Self.mutatingPolicy))
        let windows = S.privilegedPod.replacingOccurrences(of: "spec:\n", with: "spec:\n  os: {name: windows}\n")
        #expect(c.decide(try S.request(windows), mode: .mutate).patch.isEmpty)
        let service = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}]\n"
        #expect(c.decide(try S.request(service), mode: .mutate).patch.isEmpty)
    }

    @Test("a CronJob is patched at its job template")
    func cronJob() throws {
        let c = AdmissionController(policy: try S.policy(Self.mutatingPolicy))
        let cron = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - name: job
                        image: x:1
            """
        let decision = c.decide(try S.request(cron), mode: .mutate)
        #expect(decision.patch.contains { $0.path == "/spec/jobTemplate/spec/template/spec/securityContext" })
        #expect(
            decision.patch.contains { $0.path == "/spec/jobTemplate/spec/template/spec/containers/0/securityContext" })
    }

    @Test("a policy asking mutate on a rule without secure defaults is rejected")
    func mutateValidation() {
        #expect(throws: InputError.self) {
            try S.policy(
                "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\nrules:\n  - ids: [K8S-WL-IMAGE-LATEST]\n    action: warn\n    mutate: true\n"
            )
        }
    }
}
