import Foundation
import Testing

@testable import PalisadePolicy

/// `AuditLogReplayer`: one decision per request whatever the stages, honest counts of what was
/// skipped and why, and bad input counted rather than fatal.
@Suite("Replay: replaying logs")
struct ReplayAuditLogReplayerTests {
    @Test("the recorded Falco events: creates and a patch replayed, exec skipped")
    func recordedFixtures() throws {
        let names = [
            "create_nginx_pod_privileged.json", "create_deployment.json", "create_nginx_pod_hostnetwork.json",
            "exec_pod.json", "modify_cluster_role_node_problem_detector.json",
        ]
        let text = try names.map { try ReplayFixtures.text($0) }.joined()
        let report = try replay([("audit.log", text)])
        #expect(report.totals.lines == 5)
        #expect(report.totals.mutatingEvents == 5)
        #expect(report.totals.replayed == 4)
        #expect(report.totals.skipped == 1)
        #expect(report.skipped == [.noObject: 1])
        #expect(report.totals.requests == 5)
        #expect(report.totals.malformedLines == 0)
        #expect(report.inputs.map(\.name).count == 1)
    }

    @Test("RequestReceived + ResponseComplete of one request count once; a lone RequestReceived is still replayed")
    func stages() throws {
        let pod = ReplayFixtures.pod()
        let lines = [
            ReplayFixtures.line(id: "a", stage: "RequestReceived", requestObject: pod),
            ReplayFixtures.getLine(id: "g1"),
            ReplayFixtures.line(id: "a", stage: "ResponseComplete", code: 201, requestObject: pod),
            ReplayFixtures.line(id: "b", stage: "RequestReceived", requestObject: pod),
            // A patch: its RequestReceived body is the patch; the final stage has the object.
            ReplayFixtures.line(id: "c", verb: "patch", stage: "RequestReceived", requestObject: #"{"metadata":{}}"#),
            ReplayFixtures.line(
                id: "c", verb: "patch", level: "RequestResponse", code: 200, requestObject: #"{"metadata":{}}"#,
                responseObject: pod),
            // Duplicate final stage (e.g. the same file given twice in part).
            ReplayFixtures.line(id: "a", stage: "ResponseComplete", code: 201, requestObject: pod),
        ]
        let report = try replay([("audit.log", lines.joined(separator: "\n") + "\n")])
        #expect(report.totals.replayed == 3)
        #expect(report.totals.duplicateStages == 3)
        #expect(report.totals.otherVerbEvents == 1)
        #expect(report.totals.requests == 3)
    }

    @Test("held-back requests stay bounded: past the cap the oldest are decided early")
    func pendingBound() throws {
        var dedup = AuditStageDeduplicator(maxPending: 2, maxRemembered: 3)
        let info = ReplayEventInfo(time: "", responseCode: nil, source: "x:1")
        func request(_ id: String) -> AdmissionRequest {
            AdmissionRequest(
                uid: id, kind: .init(group: "", version: "v1", name: "Pod"),
                resource: .init(group: "", version: "v1", name: "pods"), operation: .create, namespace: "n", name: id,
                userInfo: .init(username: "u"), object: nil)
        }
        #expect(dedup.hold(request("1"), info).isEmpty)
        #expect(dedup.hold(request("2"), info).isEmpty)
        #expect(dedup.hold(request("3"), info).map(\.request.uid) == ["1"])
        #expect(dedup.isFinished("1"))
        #expect(dedup.finish("2")?.request.uid == "2")
        #expect(dedup.drain().map(\.request.uid) == ["3"])
        // Only the last three finished ids are remembered.
        _ = dedup.finish("4")
        #expect(!dedup.isFinished("1"))
        #expect(dedup.isFinished("4"))
    }

    @Test("API-server refusals, dry runs, Metadata level and Request-level patches are counted apart")
    func counts() throws {
        let pod = ReplayFixtures.pod()
        let lines = [
            ReplayFixtures.line(id: "r", code: 403, requestObject: pod),
            ReplayFixtures.line(id: "d", uri: "/api/v1/namespaces/prod/pods?dryRun=All", requestObject: pod),
            ReplayFixtures.line(id: "m1", level: "Metadata"),
            ReplayFixtures.line(id: "m2", verb: "update", level: "Metadata", code: 200),
            ReplayFixtures.line(id: "p", verb: "patch", code: 200, requestObject: #"{"spec":{}}"#),
        ]
        let report = try replay([("audit.log", lines.joined(separator: "\n"))])
        #expect(report.totals.replayed == 2)
        #expect(report.totals.refusedByAPIServer == 1)
        #expect(report.totals.dryRun == 1)
        #expect(report.skipped == [.metadataLevel: 2, .patchWithoutResult: 1])
        #expect(report.totals.requests == 5)
    }

    @Test("garbage, binary noise, foreign JSON and a truncated last line are counted with examples")
    func badLines() throws {
        let good = ReplayFixtures.line(id: "ok", requestObject: ReplayFixtures.pod())
        let truncated = String(ReplayFixtures.line(id: "t", requestObject: ReplayFixtures.pod()).prefix(200))
        var text = "not json at all\n"
        text += good + "\n"
        text += "\u{0}\u{1}\u{FFFD}\u{7F}binary\n"
        text += "   \n"
        text += #"{"verb":"create","hello":"world"}"# + "\n"
        text += #"{"verb":"create","auditID":"x",}"# + "\n"
        text += truncated
        let report = try replay(
            [("audit.log", text)],
            options: {
                var o = AuditLogReplayer.Options()
                o.malformedExamples = 3
                return o
            }())
        #expect(report.totals.replayed == 1)
        #expect(report.totals.malformedLines == 5)
        #expect(report.malformedExamples.count == 3)
        #expect(report.malformedExamples.first == "\(report.inputs[0].name):1: not a JSON object")
        #expect(report.malformedExamples[2].contains(":5: not an audit event"))
        #expect(report.totals.lines == 7)
    }

    @Test("an EventList line (webhook batch) replays each item")
    func eventList() throws {
        let pod = ReplayFixtures.pod()
        let items = [
            ReplayFixtures.line(id: "e1", requestObject: pod), ReplayFixtures.line(id: "e2", requestObject: pod),
        ]
        let line =
            #"{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":["#
            + items.joined(separator: ",") + "]}\n"
        let report = try replay([("batch.log", line)])
        #expect(report.totals.replayed == 2)
    }

    @Test("gzip'd rotated logs and plain logs replay alike; input errors carry the file")
    func gzipAndErrors() throws {
        let s = try ReplayScratch()
        let pod = ReplayFixtures.pod()
        var lines: [String] = []
        for i in 0..<200 {
            lines.append(ReplayFixtures.getLine(id: "g\(i)"))
            lines.append(ReplayFixtures.line(id: "c\(i)", requestObject: pod))
        }
        let plain = try s.write("audit-2026-11-20.log", lines.joined(separator: "\n") + "\n")
        let gz = try s.gzip(plain)
        var replayer = AuditLogReplayer(
            controller: AdmissionController(policy: AdmissionPolicy()), policyName: "p")
        try replayer.replay(path: gz)
        let report = replayer.finish()
        #expect(report.totals.replayed == 200)
        #expect(report.totals.otherVerbEvents == 200)
        #expect(report.inputs.first?.gzip == true)

        let broken = try s.write(
            "broken.gz", Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF]))
        var again = AuditLogReplayer(controller: AdmissionController(policy: AdmissionPolicy()), policyName: "p")
        #expect(throws: (any Error).self) { try again.replay(path: broken) }
    }
}
