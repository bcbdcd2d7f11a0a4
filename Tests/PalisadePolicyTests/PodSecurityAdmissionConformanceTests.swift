import Foundation
import PalisadeCore
import PalisadeFormats
import Testing

@testable import PalisadePolicy

/// Kubernetes' own Pod Security admission fixtures, wrapped as AdmissionReviews and decided by a
/// policy enforcing the fixture's level and version: each must be admitted or denied exactly as
/// upstream says.
@Suite("Pod Security fixtures as AdmissionReviews")
struct PodSecurityAdmissionConformanceTests {
    static let testdata = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pod-security/testdata")

    struct Case {
        var path: String
        var level: String
        var version: String
        var shouldPass: Bool
    }

    static func cases() throws -> [Case] {
        let fm = FileManager.default
        var out: [Case] = []
        for level in try fm.contentsOfDirectory(atPath: testdata.path).sorted() where level != "README.md" {
            let levelDir = testdata.appendingPathComponent(level)
            guard let versions = try? fm.contentsOfDirectory(atPath: levelDir.path) else { continue }
            for version in versions.sorted() {
                for outcome in ["pass", "fail"] {
                    let dir = levelDir.appendingPathComponent(version).appendingPathComponent(outcome)
                    for file in ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
                    where file.hasSuffix(".yaml") {
                        out.append(
                            Case(
                                path: dir.appendingPathComponent(file).path, level: level, version: version,
                                shouldPass: outcome == "pass"))
                    }
                }
            }
        }
        return out
    }

    @Test("every fixture is admitted or denied as upstream says")
    func conformance() throws {
        let cases = try Self.cases()
        #expect(cases.count > 1000)
        var controllers: [String: AdmissionController] = [:]
        var wrong: [String] = []
        for c in cases {
            let key = "\(c.level)/\(c.version)"
            let controller =
                try controllers[key]
                ?? AdmissionController(
                    policy: AdmissionPolicy.parse(
                        "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\npodSecurity:\n  enforce: \(c.level)\n  enforceVersion: \(c.version)\n",
                        file: "policy.yaml"))
            controllers[key] = controller
            let buffer = try SourceBuffer.read(path: c.path)
            let parser = YAMLStreamParser(bytes: buffer.bytes, file: c.path)
            while let doc = try parser.next() {
                let object = doc.root
                let kind = object["kind"]?.string ?? "Pod"
                let request = AdmissionRequest(
                    uid: "uid-\(wrong.count)", kind: .init(group: "", version: "v1", name: kind),
                    resource: .init(group: "", version: "v1", name: "pods"), operation: .create,
                    namespace: "default", name: object["metadata"]?["name"]?.string ?? "",
                    userInfo: .init(username: "alice"), object: object)
                // Through the wire format, as the API server sends it.
                let body = AdmissionReviewCodec.encodeRequest(request)
                let decoded = try body.withUnsafeBytes { raw in try AdmissionReviewCodec.decode(raw) }
                let decision = controller.decide(decoded)
                if decision.allowed != c.shouldPass {
                    wrong.append(
                        "\(c.path): expected \(c.shouldPass ? "allow" : "deny"), got \(decision.message ?? "allow")")
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) disagree, first: \(wrong.prefix(5).joined(separator: "\n"))")
    }
}
