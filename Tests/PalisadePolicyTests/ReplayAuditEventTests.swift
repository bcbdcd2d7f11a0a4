import Testing

@testable import PalisadePolicy

/// Audit events (recorded by Falco's test clusters, and synthetic ones in the same format) to the
/// `AdmissionRequest` the API server sent its webhooks; and the byte prefilter in front of it.
@Suite("Replay: audit events to admission requests")
struct ReplayAuditEventTests {
    static func request(_ outcome: AuditEventRequest.Outcome) throws -> AdmissionRequest {
        guard case .request(let r) = outcome else {
            Issue.record("expected a request, got \(outcome)")
            throw CancellationError()
        }
        return r
    }

    @Test("a recorded Pod create (RequestResponse) becomes CREATE of v1 Pod from requestObject")
    func recordedPodCreate() throws {
        let event = try ReplayFixtures.event(try ReplayFixtures.text("create_nginx_pod_privileged.json"))
        #expect(event.stage == "ResponseComplete")
        #expect(event.responseCode == 201)
        let r = try Self.request(AuditEventRequest.convert(event))
        #expect(r.operation == .create)
        #expect(r.uid == "a362d22b-db3c-4590-9505-23782f12925f")
        #expect(r.kind == .init(group: "", version: "v1", name: "Pod"))
        #expect(r.resource == .init(group: "", version: "v1", name: "pods"))
        #expect(r.namespace == "default")
        // generateName: the object has no name until the API server assigns one.
        #expect(r.name == "")
        #expect(r.userInfo.username == "system:serviceaccount:kube-system:replicaset-controller")
        #expect(r.userInfo.groups.contains("system:serviceaccounts"))
        #expect(!r.dryRun)
        // requestObject, not the stored responseObject (which has the service account volume).
        #expect(r.object?["spec"]?["volumes"] == nil)
        let privileged = r.object?["spec"]?["containers"]?.items?.first?["securityContext"]?["privileged"]?.bool
        #expect(privileged == true)
        #expect(
            ReplayReportBuilder.workload(r)
                == .init(kind: "ReplicaSet", namespace: "default", name: "nginx-deployment-5cdcc99dbf"))
        #expect(ReplayReportBuilder.objectDisplay(r) == "Pod default/nginx-deployment-5cdcc99dbf-*")
    }

    @Test("a recorded Request-level Deployment create keeps its API group from apiVersion")
    func recordedDeployment() throws {
        let event = try ReplayFixtures.event(try ReplayFixtures.text("create_deployment.json"))
        let r = try Self.request(AuditEventRequest.convert(event))
        #expect(r.kind == .init(group: "extensions", version: "v1beta1", name: "Deployment"))
        #expect(r.name == "nginx-deployment")
        #expect(r.userInfo.username == "minikube-user")
    }

    @Test("a recorded patch is replayed as UPDATE of the patched object (responseObject)")
    func recordedPatch() throws {
        let event = try ReplayFixtures.event(try ReplayFixtures.text("modify_cluster_role_node_problem_detector.json"))
        let r = try Self.request(AuditEventRequest.convert(event))
        #expect(r.operation == .update)
        #expect(r.kind == .init(group: "rbac.authorization.k8s.io", version: "v1", name: "ClusterRole"))
        #expect(r.name == "system:node-problem-detector")
        #expect(r.namespace == "")
        #expect(r.object?["rules"]?.items?.count == 3)
    }

    @Test("a recorded exec (no object) is skipped, not replayed")
    func recordedExec() throws {
        let event = try ReplayFixtures.event(try ReplayFixtures.text("exec_pod.json"))
        guard case .skipped(.noObject) = AuditEventRequest.convert(event) else {
            Issue.record("exec should be skipped as no-object")
            return
        }
    }

    @Test("a patch at Request level and any Metadata-level event are skipped with their reason")
    func skips() throws {
        let patch = try ReplayFixtures.event(
            ReplayFixtures.line(id: "p", verb: "patch", code: 200, requestObject: #"{"metadata":{"labels":{"a":"b"}}}"#)
        )
        guard case .skipped(.patchWithoutResult) = AuditEventRequest.convert(patch) else {
            Issue.record("Request-level patch")
            return
        }
        let metadata = try ReplayFixtures.event(ReplayFixtures.line(id: "m", level: "Metadata"))
        guard case .skipped(.metadataLevel) = AuditEventRequest.convert(metadata) else {
            Issue.record("Metadata level")
            return
        }
        let get = try ReplayFixtures.event(ReplayFixtures.getLine(id: "g"))
        guard case .otherVerb = AuditEventRequest.convert(get) else {
            Issue.record("get")
            return
        }
    }

    @Test("impersonation: the request is decided as the impersonated user; dryRun=All is carried")
    func impersonationAndDryRun() throws {
        let event = try ReplayFixtures.event(
            ReplayFixtures.line(
                id: "i", uri: "/api/v1/namespaces/prod/pods?dryRun=All&fieldManager=kubectl-client-side-apply",
                user: "admin", impersonated: "dev-bot", requestObject: ReplayFixtures.pod()))
        let r = try Self.request(AuditEventRequest.convert(event))
        #expect(r.userInfo == .init(username: "dev-bot", groups: ["ops"]))
        #expect(r.dryRun)
        #expect(r.name == "web")
        #expect(!AuditEventRequest.isDryRun("/api/v1/pods?dryRun=None"))
        #expect(!AuditEventRequest.isDryRun("/api/v1/pods/dryRun=All"))
    }

    @Test("prefilter: mutating verbs are candidates, other verbs and noise are told apart")
    func prefilter() throws {
        func classify(_ s: String) -> AuditLinePrefilter.Verdict {
            Array(s.utf8).withUnsafeBytes { AuditLinePrefilter.classify($0) }
        }
        #expect(classify(ReplayFixtures.line(id: "1")) == .candidate)
        #expect(classify(#"{"verb" : "patch","auditID":"x"}"#) == .candidate)
        #expect(classify(#"{"verb":"update"}"#) == .candidate)
        #expect(classify(ReplayFixtures.getLine(id: "2")) == .otherVerb)
        #expect(classify(#"  {"verbs":["create"],"verb":"list"}  "#) == .otherVerb)
        // A nested verb only makes a line a candidate; the parse reads the real one.
        #expect(classify(#"{"verb":"get","spec":{"resourceAttributes":{"verb":"create"}}}"#) == .candidate)
        #expect(classify("\u{1}\u{2}garbage") == .notAnObject)
        #expect(classify(#"{"verb":"get","auditID":"trunc"#) == .notAnObject)
        #expect(classify("") == .notAnObject)
        for name in ["create_nginx_pod_privileged.json", "create_deployment.json", "exec_pod.json"] {
            #expect(classify(try ReplayFixtures.text(name).trimmingSuffixNewline) == .candidate, "\(name)")
        }
    }
}

extension String {
    var trimmingSuffixNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
