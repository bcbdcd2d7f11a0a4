import Foundation
import PalisadeFormats
import Testing

@testable import PalisadePolicy

/// Scratch files, the Falco audit fixtures and small builders shared by the replay tests.
enum ReplayFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/falco-k8s-audit")

    /// The text of a fixture (one audit event per line, as recorded).
    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Parses one JSON line into an `AuditEvent`.
    static func event(_ json: String) throws -> AuditEvent {
        let node = try Array(json.utf8).withUnsafeBytes { try JSONTreeParser.parse($0, file: "test") }
        return try #require(AuditEvent(node))
    }

    /// A compact synthetic event in the API server's own format (keys in its order).
    static func line(
        id: String, verb: String = "create", stage: String = "ResponseComplete", level: String = "Request",
        uri: String = "/api/v1/namespaces/prod/pods", user: String = "alice", impersonated: String? = nil,
        resource: String = "pods", namespace: String = "prod", name: String? = nil, subresource: String? = nil,
        code: Int? = 201, requestObject: String? = nil, responseObject: String? = nil
    ) -> String {
        var s = #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"\#(level)","auditID":"\#(id)","#
        s += #""stage":"\#(stage)","requestURI":"\#(uri)","verb":"\#(verb)","#
        s += #""user":{"username":"\#(user)","groups":["dev","system:authenticated"]},"#
        if let impersonated { s += #""impersonatedUser":{"username":"\#(impersonated)","groups":["ops"]},"# }
        s += #""sourceIPs":["10.0.0.1"],"userAgent":"kubectl/v1.31.0","#
        s += #""objectRef":{"resource":"\#(resource)","namespace":"\#(namespace)""#
        if let name { s += #","name":"\#(name)""# }
        if let subresource { s += #","subresource":"\#(subresource)""# }
        s += #","apiVersion":"v1"},"#
        if let code, stage != "RequestReceived" { s += #""responseStatus":{"metadata":{},"code":\#(code)},"# }
        if let requestObject { s += #""requestObject":\#(requestObject),"# }
        if let responseObject { s += #""responseObject":\#(responseObject),"# }
        s +=
            #""requestReceivedTimestamp":"2026-11-20T10:00:00.000000Z","stageTimestamp":"2026-11-20T10:00:00.010000Z"}"#
        return s
    }

    /// A Pod as `kubectl` sends it; `privileged` and `seccomp` pick the interesting fields.
    static func pod(name: String = "web", namespace: String = "prod", privileged: Bool = false, seccomp: Bool = true)
        -> String
    {
        let podSecurity =
            seccomp ? #"{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}"# : #"{"runAsNonRoot":true}"#
        let container =
            privileged
            ? #"{"privileged":true}"#
            : #"{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"runAsNonRoot":true}"#
        return #"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"\#(name)","namespace":"\#(namespace)","#
            + #""managedFields":[{"manager":"kubectl","operation":"Update","fieldsV1":{"f:spec":{}}}]},"#
            + #""spec":{"securityContext":\#(podSecurity),"containers":[{"name":"app","#
            + #""image":"registry.example.com/app:1.0","securityContext":\#(container)}]}}"#
    }

    /// A get event, the bulk of any real log.
    static func getLine(id: String) -> String {
        line(id: id, verb: "get", uri: "/api/v1/namespaces/prod/pods/web", code: 200)
    }
}

/// A temporary directory removed when the value goes away.
final class ReplayScratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file.path
    }

    /// Compresses `path` with the `gzip` CLI into `path.gz` (the original is kept) and returns the new path.
    func gzip(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-k", "-f", path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip failed")
        return path + ".gz"
    }
}

/// Replays in-memory log text through a controller (the real policy once it is merged).
func replay(
    _ files: [(name: String, text: String)], policy: AdmissionPolicy = AdmissionPolicy(),
    options: AuditLogReplayer.Options = AuditLogReplayer.Options()
) throws -> ReplayReport {
    let scratch = try ReplayScratch()
    var replayer = AuditLogReplayer(
        controller: AdmissionController(policy: policy), policyName: "policy.yaml", options: options)
    for file in files { try replayer.replay(path: try scratch.write(file.name, file.text)) }
    return replayer.finish()
}
