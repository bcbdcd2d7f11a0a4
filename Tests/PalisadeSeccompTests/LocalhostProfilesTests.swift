import Foundation
import PalisadeSeccomp
import Testing

@Suite struct LocalhostProfilesTests {
    func makeDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-seccomp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        try Data("{\"defaultAction\": \"SCMP_ACT_ALLOW\"}".utf8).write(
            to: dir.appendingPathComponent("profiles/open.json"))
        try Data(SeccompProfileWriter.dockerJSON(RuntimeDefaultProfile.profile).utf8).write(
            to: dir.appendingPathComponent("profiles/docker.json"))
        try Data("not json".utf8).write(to: dir.appendingPathComponent("broken.json"))
        try Data("ignored".utf8).write(to: dir.appendingPathComponent("README"))
        return dir.path
    }

    @Test func gradesEveryProfileOnce() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let profiles = try LocalhostProfiles.load(directory: dir, grader: ProfileGrader(architectures: [.x86_64]))
        guard case .graded(let open)? = profiles.entry(for: "profiles/open.json") else {
            Issue.record("open.json not graded")
            return
        }
        #expect(open.contains { $0.ruleId == "SECCOMP-DEFAULT-ALLOW" })
        guard case .graded(let docker)? = profiles.entry(for: "./profiles/docker.json") else {
            Issue.record("docker.json not graded")
            return
        }
        #expect(docker.isEmpty)
        guard case .invalid(let reason)? = profiles.entry(for: "broken.json") else {
            Issue.record("broken.json not invalid")
            return
        }
        #expect(reason.contains("broken.json:1:"))
        #expect(profiles.entry(for: "profiles/missing.json") == nil)
        #expect(profiles.entry(for: "profiles/../broken.json") != nil)
        #expect(profiles.entry(for: "../etc/passwd") == nil)
    }

    @Test func refusesAFileAsDirectory() {
        #expect(throws: (any Error).self) {
            _ = try LocalhostProfiles.load(directory: "/etc/hostname", grader: ProfileGrader())
        }
    }
}
