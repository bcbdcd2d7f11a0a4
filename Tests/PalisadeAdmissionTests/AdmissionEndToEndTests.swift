import Foundation
import PalisadeAdmission
import PalisadeCore
import PalisadeFormats
import PalisadeHTTP
import PalisadePolicy
import Testing

/// The real webhook end to end: the HTTPS server with the policy reviewer, real TLS requests carrying
/// AdmissionReviews in the API server's shape, JSON responses checked and JSONPatches applied.
@Suite("Admission webhook end to end", .serialized)
struct AdmissionEndToEndTests {
    static let policyYAML = """
        apiVersion: palisade.dev/v1
        kind: AdmissionPolicy
        podSecurity:
          enforce: baseline
          warn: restricted
          audit: restricted
        rules:
          - ids: [K8S-PSS-SECCOMP-RESTRICTED, K8S-PSS-PRIVILEGE-ESCALATION, K8S-PSS-CAPABILITIES-RESTRICTED, K8S-PSS-RUN-AS-NON-ROOT]
            action: warn
            mutate: true
          - ids: [K8S-WL-IMAGE-LATEST]
            action: enforce
        exemptions:
          usernames: [system:serviceaccount:kube-system:replicaset-controller]
        """

    struct Webhook {
        let server: AdmissionServer
        let port: Int
        let certificates: ServerTestCertificates
        let reviewer: PolicyReviewer

        static func start(policy: String = policyYAML) async throws -> Webhook {
            let certificates = try await ServerBlocking.run { Result { try ServerTestCertificates() } }.get()
            let controller = AdmissionController(policy: try AdmissionPolicy.parse(policy, file: "policy.yaml"))
            let reviewer = PolicyReviewer(controller: controller)
            var configuration = AdmissionServerConfiguration(
                certificatePath: certificates.servingCert, keyPath: certificates.servingKey)
            configuration.host = "127.0.0.1"
            configuration.port = 0
            configuration.eventLoopThreads = 2
            let server = try AdmissionServer(configuration: configuration, reviewer: reviewer, log: { _ in })
            let port = try await server.start()
            return Webhook(server: server, port: port, certificates: certificates, reviewer: reviewer)
        }

        func stop() async {
            await server.shutdown()
            certificates.remove()
        }

        func post(_ path: String, _ body: [UInt8]) async throws -> (status: Int, response: YAMLNode) {
            var configuration = HTTPClient.Configuration(caFile: certificates.caFile)
            configuration.connectTimeoutSeconds = 10
            let request = HTTPRequest(
                .post, url: "https://127.0.0.1:\(port)\(path)", headers: [("Content-Type", "application/json")],
                body: body)
            let reply = try await ServerBlocking.run(HTTPClient(configuration: configuration), request)
            return (reply.status, try JSONTreeParser().parse(reply.body, file: "response"))
        }
    }

    static func node(_ yaml: String) -> YAMLNode {
        Array(yaml.utf8).withUnsafeBytes { raw in try! YAMLStreamParser(bytes: raw, file: "t").next()!.root }
    }

    static let resources: [String: (String, String)] = [
        "Pod": ("", "pods"), "Deployment": ("apps", "deployments"), "ReplicaSet": ("apps", "replicasets"),
        "StatefulSet": ("apps", "statefulsets"), "DaemonSet": ("apps", "daemonsets"), "Job": ("batch", "jobs"),
        "CronJob": ("batch", "cronjobs"), "ReplicationController": ("", "replicationcontrollers"),
        "PodTemplate": ("", "podtemplates"), "PodExecOptions": ("", "pods"),
    ]

    static func body(
        _ object: YAMLNode?, kind: String, operation: AdmissionRequest.Operation = .create, old: YAMLNode? = nil,
        subResource: String = "", dryRun: Bool = false, user: String = "jane@example.com",
        uid: String = UUID().uuidString,
        namespaceObject: YAMLNode? = nil
    ) -> [UInt8] {
        let (group, resource) = resources[kind] ?? ("", kind.lowercased() + "s")
        let version = "v1"
        return AdmissionReviewCodec.encodeRequest(
            AdmissionRequest(
                uid: uid, kind: .init(group: group, version: version, name: kind),
                resource: .init(group: group, version: version, name: resource), subResource: subResource,
                operation: operation, namespace: "shop", name: "x",
                userInfo: .init(username: user, groups: ["system:authenticated"]), object: object, oldObject: old,
                dryRun: dryRun, namespaceObject: namespaceObject))
    }

    /// A workload of `kind` around a pod spec.
    static func workload(_ kind: String, podSpec: String) -> YAMLNode {
        let indented = { (n: Int) in
            podSpec.split(separator: "\n").map { String(repeating: " ", count: n) + $0 }.joined(separator: "\n")
        }
        let apiVersion = resources[kind]!.0.isEmpty ? "v1" : "\(resources[kind]!.0)/v1"
        switch kind {
        case "Pod":
            return node("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n\(indented(2))\n")
        case "CronJob":
            return node(
                "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: shop}\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n\(indented(10))\n"
            )
        case "PodTemplate":
            return node(
                "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t, namespace: shop}\ntemplate:\n  spec:\n\(indented(4))\n"
            )
        default:
            return node(
                "apiVersion: \(apiVersion)\nkind: \(kind)\nmetadata: {name: w, namespace: shop}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n\(indented(6))\n"
            )
        }
    }

    static let privilegedSpec = "containers:\n- name: c\n  image: x:1\n  securityContext: {privileged: true}"
    static let plainSpec = "containers:\n- name: c\n  image: x:1"

    @Test(
        "every workload kind: privileged denied at its template, plain allowed with warnings and a patch that fixes it")
    func workloadKinds() async throws {
        let webhook = try await Webhook.start()
        defer { Task { await webhook.stop() } }
        for kind in [
            "Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController",
            "PodTemplate",
        ] {
            let uid = "uid-\(kind)"
            let denied = try await webhook.post(
                "/validate", Self.body(Self.workload(kind, podSpec: Self.privilegedSpec), kind: kind, uid: uid))
            #expect(denied.status == 200)
            let response = try #require(denied.response["response"])
            #expect(response["uid"]?.string == uid)
            #expect(response["allowed"]?.bool == false, "\(kind)")
            #expect(response["status"]?["code"]?.int == 403)
            #expect(response["status"]?["message"]?.string?.contains("[K8S-PSS-PRIVILEGED]") == true)

            let plain = Self.workload(kind, podSpec: Self.plainSpec)
            let allowed = try await webhook.post("/validate", Self.body(plain, kind: kind))
            #expect(allowed.response["response"]?["allowed"]?.bool == true, "\(kind)")
            #expect(allowed.response["response"]?["warnings"]?.list.isEmpty == false, "\(kind)")
            #expect(allowed.response["response"]?["auditAnnotations"]?["k8s-pss-run-as-non-root"] != nil)

            let mutated = try await webhook.post("/mutate", Self.body(plain, kind: kind))
            let m = try #require(mutated.response["response"])
            #expect(m["allowed"]?.bool == true)
            #expect(m["patchType"]?.string == "JSONPatch", "\(kind)")
            let patchBytes = try #require(Data(base64Encoded: m["patch"]?.string ?? ""))
            let ops = try JSONTreeParser().parse(Array(patchBytes), file: "patch").list.map {
                AdmissionDecision.PatchOperation(
                    op: $0["op"]!.string!, path: $0["path"]!.string!, valueJSON: JSONWriter.json($0["value"]!), rule: ""
                )
            }
            let patched = try JSONPatch.apply(ops, to: plain)
            // The patched object passes restricted with no warnings, and a second /mutate changes nothing.
            let again = try await webhook.post("/validate", Self.body(patched, kind: kind))
            #expect(again.response["response"]?["warnings"] == nil, "\(kind): \(JSONWriter.json(again.response))")
            let reinvoked = try await webhook.post("/mutate", Self.body(patched, kind: kind))
            #expect(reinvoked.response["response"]?["patch"] == nil)
        }
    }

    @Test("UPDATE, DELETE, dry run, pods/exec and pods/ephemeralcontainers")
    func operations() async throws {
        let webhook = try await Webhook.start()
        defer { Task { await webhook.stop() } }
        let privileged = Self.workload("Pod", podSpec: Self.privilegedSpec)
        let plain = Self.workload("Pod", podSpec: Self.plainSpec)
        let delete = try await webhook.post(
            "/validate", Self.body(nil, kind: "Pod", operation: .delete, old: privileged))
        #expect(delete.response["response"]?["allowed"]?.bool == true)
        let dry = try await webhook.post("/validate", Self.body(privileged, kind: "Pod", dryRun: true))
        #expect(dry.response["response"]?["allowed"]?.bool == false)
        let exec = Self.node("apiVersion: v1\nkind: PodExecOptions\ncommand: [sh]\nstdin: true\n")
        let connect = try await webhook.post(
            "/validate", Self.body(exec, kind: "PodExecOptions", operation: .connect, subResource: "exec"))
        #expect(connect.response["response"]?["allowed"]?.bool == true)
        let debug = Self.workload(
            "Pod",
            podSpec: Self.plainSpec
                + "\nephemeralContainers:\n- name: dbg\n  image: x:1\n  securityContext: {privileged: true}")
        let ephemeral = try await webhook.post(
            "/validate",
            Self.body(debug, kind: "Pod", operation: .update, old: plain, subResource: "ephemeralcontainers"))
        #expect(ephemeral.response["response"]?["allowed"]?.bool == false)
        let update = try await webhook.post(
            "/validate", Self.body(privileged, kind: "Pod", operation: .update, old: plain))
        #expect(update.response["response"]?["allowed"]?.bool == false)
        let latest = Self.workload("Deployment", podSpec: "containers:\n- name: c\n  image: x:latest")
        let exempt = try await webhook.post(
            "/validate",
            Self.body(latest, kind: "Deployment", user: "system:serviceaccount:kube-system:replicaset-controller"))
        #expect(exempt.response["response"]?["allowed"]?.bool == true)
        let notExempt = try await webhook.post("/validate", Self.body(latest, kind: "Deployment"))
        #expect(notExempt.response["response"]?["allowed"]?.bool == false)
    }

    @Test("malformed reviews get 400 with a reason, and the server keeps serving")
    func malformed() async throws {
        let webhook = try await Webhook.start()
        defer { Task { await webhook.stop() } }
        for body in [
            "{", #"{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"1"}}"#,
            #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"operation":"CREATE"}}"#,
        ] {
            let reply = try await webhook.post("/validate", Array(body.utf8))
            #expect(reply.status == 400)
            #expect(reply.response["error"]?.string?.isEmpty == false)
        }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/admission/deployment-create.json")
        let ok = try await webhook.post("/validate", Array(try Data(contentsOf: fixture)))
        #expect(ok.response["response"]?["uid"]?.string == "0df28fbd-5f5f-11e8-bc74-36e6bb280816")
        #expect(ok.response["response"]?["allowed"]?.bool == true)
    }

    @Test("every Pod Security fixture over HTTPS, its level and version set by the Namespace's labels")
    func podSecurityFixturesOverHTTPS() async throws {
        let testdata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/pod-security/testdata")
        let fm = FileManager.default
        // The policy's own default is privileged: only the Namespace object's labels decide.
        let webhook = try await Webhook.start(policy: "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\n")
        defer { Task { await webhook.stop() } }
        // (name, body, expected allow) for every fixture, then sent 8 at a time.
        var cases: [(String, [UInt8], Bool)] = []
        for level in ["baseline", "restricted"] {
            let levelDir = testdata.appendingPathComponent(level)
            for version in try fm.contentsOfDirectory(atPath: levelDir.path).sorted() {
                let namespace = Self.node(
                    """
                    apiVersion: v1
                    kind: Namespace
                    metadata:
                      name: shop
                      labels:
                        pod-security.kubernetes.io/enforce: \(level)
                        pod-security.kubernetes.io/enforce-version: \(version)
                    """)
                for outcome in ["pass", "fail"] {
                    let folder = levelDir.appendingPathComponent(version).appendingPathComponent(outcome)
                    let files = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
                    for file in files.sorted() where file.hasSuffix(".yaml") {
                        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                        let pod = Self.node(text)
                        let kind = pod["kind"]?.string ?? "Pod"
                        cases.append(
                            (
                                "\(level)/\(version)/\(outcome)/\(file)",
                                Self.body(pod, kind: kind, namespaceObject: namespace), outcome == "pass"
                            ))
                    }
                }
            }
        }
        let checked = cases.count
        var wrong: [String] = []
        var next = 0
        try await withThrowingTaskGroup(of: String?.self) { group in
            func add() {
                let (name, body, expected) = cases[next]
                next += 1
                group.addTask {
                    let reply = try await webhook.post("/validate", body)
                    return reply.response["response"]?["allowed"]?.bool == expected ? nil : name
                }
            }
            while next < min(8, cases.count) { add() }
            while let result = try await group.next() {
                if let result { wrong.append(result) }
                if next < cases.count { add() }
            }
        }
        #expect(checked > 1000)
        #expect(wrong.isEmpty, "\(wrong.count) wrong: \(wrong.prefix(10))")
    }
}
