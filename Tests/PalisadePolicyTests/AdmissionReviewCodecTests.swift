import Foundation
import PalisadeCore
import PalisadeFormats
import Testing

@testable import PalisadePolicy

@Suite("AdmissionReview codec")
struct AdmissionReviewCodecTests {
    typealias S = PolicyTestSupport

    func decode(_ text: String) throws -> AdmissionRequest {
        try S.decode(Array(text.utf8))
    }

    @Test("malformed reviews are refused with one clear reason")
    func malformed() {
        let cases: [(String, String)] = [
            ("{", "invalid JSON"),
            ("[]", "not a JSON object"),
            (#"{"kind":"AdmissionReview","request":{"uid":"1"}}"#, "missing apiVersion"),
            (
                #"{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"1"}}"#,
                "unsupported apiVersion"
            ),
            (
                #"{"apiVersion":"admission.k8s.io/v1","kind":"Pod","request":{"uid":"1"}}"#,
                "kind must be AdmissionReview"
            ),
            (#"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}"#, "missing request"),
            (
                #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"operation":"CREATE"}}"#,
                "missing request.uid"
            ),
            (
                #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","operation":"PATCH"}}"#,
                "request.operation"
            ),
        ]
        for (body, reason) in cases {
            do {
                _ = try decode(body)
                Issue.record("accepted: \(body)")
            } catch let error as AdmissionReviewCodec.Malformed {
                #expect(error.description.contains(reason), "\(error.description)")
                #expect(!error.description.contains("\n"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test("responses are valid AdmissionReview JSON with the uid echoed")
    func response() throws {
        let decision = AdmissionDecision(
            allowed: false, message: "Pod \"x\" violates 1 enforced rule:\n[R] a.b: \"quoted\"",
            warnings: ["w1", "w\"2"], auditAnnotations: ["k8s-r": "v"],
            patch: [.init(path: "/spec/securityContext", valueJSON: #"{"runAsNonRoot":true}"#, rule: "R")])
        let body = AdmissionReviewCodec.encode(uid: "abc-123", decision: decision, includePatch: true)
        let object = try JSONSerialization.jsonObject(with: Data(body)) as! [String: Any]
        #expect(object["apiVersion"] as? String == "admission.k8s.io/v1")
        let response = object["response"] as! [String: Any]
        #expect(response["uid"] as? String == "abc-123")
        #expect(response["allowed"] as? Bool == false)
        let status = response["status"] as! [String: Any]
        #expect(status["code"] as? Int == 403)
        #expect((status["message"] as? String)?.contains("\"quoted\"") == true)
        #expect(response["warnings"] as? [String] == ["w1", "w\"2"])
        #expect((response["auditAnnotations"] as? [String: String])?["k8s-r"] == "v")
        let patch = Data(base64Encoded: response["patch"] as! String)!
        let ops = try JSONSerialization.jsonObject(with: patch) as! [[String: Any]]
        #expect(ops.first?["op"] as? String == "add")
        #expect(ops.first?["path"] as? String == "/spec/securityContext")
    }

    @Test("base64 matches Foundation for every length")
    func base64() {
        for n in 0..<40 {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            var out: [UInt8] = []
            Base64.append(bytes, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == Data(bytes).base64EncodedString())
        }
    }

    @Test("quickUID finds the request uid, not the object's")
    func quickUID() throws {
        let request = try S.request(
            S.restrictedPod.replacingOccurrences(of: "  name: web\n", with: "  name: web\n  uid: 11111111\n"))
        let body = AdmissionReviewCodec.encodeRequest(request)
        #expect(body.withUnsafeBytes { AdmissionReviewCodec.quickUID($0) } == request.uid)
        #expect(Array("{}".utf8).withUnsafeBytes { AdmissionReviewCodec.quickUID($0) } == nil)
    }

    @Test("managedFields are skipped and every request field is read")
    func fields() throws {
        let text = """
            {"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u1",
             "kind":{"group":"apps","version":"v1","kind":"Deployment"},
             "resource":{"group":"apps","version":"v1","resource":"deployments"},"subResource":"scale",
             "name":"web","namespace":"shop","operation":"UPDATE",
             "userInfo":{"username":"system:serviceaccount:ci:deployer","uid":"x","groups":["system:serviceaccounts","system:authenticated"]},
             "object":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","managedFields":[{"manager":"kubectl","fieldsV1":{"f:spec":{}}}]}},
             "oldObject":null,"dryRun":true,"options":{"kind":"UpdateOptions","apiVersion":"meta.k8s.io/v1"}}}
            """
        let r = try decode(text)
        #expect(r.uid == "u1")
        #expect(r.kind == .init(group: "apps", version: "v1", name: "Deployment"))
        #expect(r.resource.name == "deployments")
        #expect(r.subResource == "scale")
        #expect(r.operation == .update)
        #expect(r.namespace == "shop" && r.name == "web")
        #expect(r.userInfo.groups == ["system:serviceaccounts", "system:authenticated"])
        #expect(r.dryRun)
        #expect(r.oldObject == nil)
        #expect(r.object?["metadata"]?["managedFields"] == nil)
        #expect(r.object?["metadata"]?["name"]?.string == "web")
    }
}
