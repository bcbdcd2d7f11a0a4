import Foundation
import Testing

@testable import PalisadeAdmission

/// The event-loop default follows the container's CPU limit: cgroup files as the kernel writes them.
@Suite("CPU limit from the cgroup")
struct CPULimitTests {
    static func cgroup(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-cgroup-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test(
        "cgroup v2 cpu.max",
        arguments: [
            ("max 100000\n", nil), ("100000 100000\n", 1), ("150000 100000\n", 2), ("50000 100000\n", 1),
            ("400000 100000", 4), ("0 100000\n", nil), ("100000\n", nil), ("x y\n", nil), ("", nil),
        ] as [(String, Int?)])
    func v2(_ text: String, _ cores: Int?) throws {
        #expect(CPULimit.parseV2(text) == cores)
        let root = try Self.cgroup(["cpu.max": text])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(CPULimit.cores(cgroupRoot: root.path) == cores)
    }

    @Test("cgroup v1 quota and period; -1 is no limit; no files is no limit")
    func v1() throws {
        for (dir, quota, period, cores) in [
            ("cpu", "250000\n", "100000\n", 3 as Int?), ("cpu,cpuacct", "-1\n", "100000\n", nil),
            ("cpu", "100000", "100000", 1),
        ] {
            let root = try Self.cgroup(["\(dir)/cpu.cfs_quota_us": quota, "\(dir)/cpu.cfs_period_us": period])
            defer { try? FileManager.default.removeItem(at: root) }
            #expect(CPULimit.cores(cgroupRoot: root.path) == cores, "\(dir) \(quota)")
        }
        let empty = try Self.cgroup([:])
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(CPULimit.cores(cgroupRoot: empty.path) == nil)
    }

    @Test("the server's default never exceeds the cores the machine has")
    func defaultThreads() {
        let threads = AdmissionServerConfiguration(certificatePath: "c", keyPath: "k").eventLoopThreads
        #expect(threads >= 1)
        #expect(threads <= ProcessInfo.processInfo.activeProcessorCount)
    }
}
