import Foundation

/// Runs Graphviz's `dot -Tsvg` on DOT source: found on PATH, fed on standard input, with a time
/// limit. Input, output and error streams are pumped on their own threads so a large graph cannot
/// deadlock on a full pipe.
struct GraphvizRunner {
    /// The first `dot` executable on PATH.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("dot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    let executable: URL
    var timeoutSeconds = 60

    func svg(fromDot source: String) throws(GraphPictureError) -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-Tsvg"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .graphvizLaunchFailed(String(describing: error))
        }
        let outBox = DataBox()
        let errBox = DataBox()
        let group = DispatchGroup()
        let queue = DispatchQueue.global()
        let bytes = Data(source.utf8)
        let writer = input.fileHandleForWriting
        queue.async(group: group) {
            try? writer.write(contentsOf: bytes)
            try? writer.close()
        }
        let reader = output.fileHandleForReading
        queue.async(group: group) { outBox.set(reader.readDataToEndOfFile()) }
        let errorReader = errors.fileHandleForReading
        queue.async(group: group) { errBox.set(errorReader.readDataToEndOfFile()) }
        if group.wait(timeout: .now() + .seconds(timeoutSeconds)) == .timedOut {
            // SIGKILL, not `terminate()`'s SIGTERM: a child may inherit SIGTERM as ignored.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw .graphvizTimedOut(seconds: timeoutSeconds)
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let message =
                String(decoding: errBox.get(), as: UTF8.self)
                .split(separator: "\n").first.map(String.init) ?? "no message"
            throw .graphvizFailed(status: process.terminationStatus, message: message)
        }
        return String(decoding: outBox.get(), as: UTF8.self)
    }
}

/// Bytes handed from a reader thread to the waiting caller.
private final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
