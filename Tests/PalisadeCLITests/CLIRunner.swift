import Foundation
import Testing

/// Runs the real `palisade` binary built next to the test bundle, like a user or CI would.
struct CLIRunner {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
        }
    }

    /// `palisade` sits in the same build directory as the test executable.
    static let binary: URL? = {
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            candidates.append(dir)
            dir = dir.deletingLastPathComponent()
        }
        for dir in candidates {
            let url = dir.appendingPathComponent("palisade")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue,
                FileManager.default.isExecutableFile(atPath: url.path)
            {
                return url
            }
        }
        return nil
    }()

    /// Runs `palisade args…` in `directory` (a scratch directory by default, so no stray
    /// `.palisadeignore.yaml` is picked up), with `stdin` as standard input.
    static func run(
        _ args: [String], stdin: String? = nil, in directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> Run {
        let binary = try #require(CLIRunner.binary, "palisade binary not found next to the test executable")
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.currentDirectoryURL = directory ?? FileManager.default.temporaryDirectory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        // Hermetic: never the developer's own advisory database (tests pass --db explicitly).
        env["PALISADE_DB"] = "/nonexistent/palisade-tests/advisories.db"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        _ = CLIRunner.ignoreSIGPIPE
        try process.run()
        // Drain stderr on another thread so a large report on stdout cannot dead-lock the child.
        let errBox = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile()
        }
        if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}

extension CLIRunner {
    /// A child that exits before reading its stdin must not kill the test runner.
    static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
}

/// A temporary directory with files in it, removed when the test ends.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `relative` (creating folders) and returns its absolute path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    var entries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: url.path).sorted()) ?? [] }
}

/// Manifests shared by the CLI tests.
enum Manifests {
    static func pod(name: String = "web", privileged: Bool, annotations: String? = nil) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(name)
          namespace: prod
        \(annotations.map { "  annotations:\n    palisade.dev/ignore: \"\($0)\"\n" } ?? "")\
        spec:
          containers:
            - name: app
              image: registry.example.com/app:1.0
              securityContext:
                privileged: \(privileged)

        """
    }

    static let broken = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: [unclosed
        spec: {}

        """
}
