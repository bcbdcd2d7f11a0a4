import Foundation
import Testing

/// `palisade image docker:NAME` against a real Podman API service (the Docker-compatible API, on a
/// private socket and storage root), loaded with the bookworm test image.
@Suite(
    "palisade image docker:NAME through a real daemon socket",
    .enabled(if: TestImages.shouldRun, "test images not built: run scripts/build-test-images"))
struct DaemonImageCLITests {
    /// A Podman API service with its own storage, stopped when the value goes.
    final class PodmanService {
        let root: URL
        let socket: String
        private let process: Process

        init() throws {
            // Podman refuses run roots longer than 50 characters.
            root = URL(fileURLWithPath: "/tmp/pd-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            socket = root.appendingPathComponent("api.sock").path
            let load = try Self.podman(root, ["load", "-q", "-i", TestImages.path("bookworm-docker.tar")])
            try #require(load.status == 0, "podman load: \(load.output)")
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments =
                ["podman"] + Self.storage(root) + ["system", "service", "--time", "0", "unix://\(socket)"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 where !FileManager.default.fileExists(atPath: socket) {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }

        deinit {
            process.terminate()
            process.waitUntilExit()
            _ = try? Self.podman(root, ["system", "reset", "--force"])
            try? FileManager.default.removeItem(at: root)
        }

        static func storage(_ root: URL) -> [String] {
            [
                "--root", root.appendingPathComponent("storage").path, "--runroot",
                root.appendingPathComponent("run").path, "--storage-driver", "vfs",
            ]
        }

        static func podman(_ root: URL, _ args: [String]) throws -> (status: Int32, output: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["podman"] + storage(root) + args
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = pipe
            try p.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }

    static var podmanInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/podman")
    }

    @Test func scansAnImageHeldByTheDaemon() throws {
        try TestImages.requireBuilt()
        guard Self.podmanInstalled else {
            if TestImages.isCI { Issue.record("podman is not installed (scripts/setup installs it)") }
            return
        }
        let service = try PodmanService()
        let run = try CLIRunner.run([
            "image", "docker:palisade/bookworm:fossil", "--docker-socket", service.socket, "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let findings = try ReportedFinding.all(in: run)
        let fossils = findings.filter { $0.isSecret && $0.presence == "removed" }
        #expect(Set(fossils.map(\.path)) == ["/root/.ssh/id_rsa", "/root/.aws/credentials"], "\(findings)")
        let sbom = try CLIRunner.run(["sbom", "docker:palisade/bookworm:fossil", "--docker-socket", service.socket])
        #expect(sbom.status == 0)
        let expected = try TestImages.dpkgPackages("expected/bookworm-dpkg.tsv")
        let packages = SBOMPackage.cycloneDX(try #require(sbom.json)).filter { $0.purl?.hasPrefix("pkg:deb/") == true }
        #expect(packages.count == expected.count)

        let missing = try CLIRunner.run(["image", "docker:no/such:image", "--docker-socket", service.socket])
        #expect(missing.status == 2)
        #expect(missing.stderrLines.count == 1 && missing.stderr.contains("no such image"), "\(missing.stderr)")
    }

    @Test func aMissingSocketIsOneClearError() throws {
        let run = try CLIRunner.run(["image", "docker:alpine", "--docker-socket", "/nonexistent/docker.sock"])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains("cannot connect") && run.stderr.contains("/nonexistent/docker.sock"))
    }
}
