import Foundation

/// Whether the HTTPS test server can run: python3 and openssl on PATH. Under CI the tests run regardless,
/// so a missing tool fails them instead of silently skipping.
public enum TestServerTools {
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public static let present = find("python3") != nil && find("openssl") != nil
    public static let shouldRun = present || ProcessInfo.processInfo.environment["CI"] == "true"
}

public struct TestServerError: Error, CustomStringConvertible {
    public var description: String
}

/// One request as scripts/osv-test-server.py logged it.
public struct LoggedRequest: Decodable, Sendable {
    public var method: String
    public var path: String
    public var status: Int
    public var range: String?
    public var ifRange: String?
    public var ifNoneMatch: String?
    public var ifModifiedSince: String?
    public var userAgent: String?

    enum CodingKeys: String, CodingKey {
        case method, path, status, range
        case ifRange = "if-range"
        case ifNoneMatch = "if-none-match"
        case ifModifiedSince = "if-modified-since"
        case userAgent = "user-agent"
    }
}

/// A real HTTPS server (scripts/osv-test-server.py) on 127.0.0.1 with a self-signed certificate generated for
/// this instance; trusted by passing `caFile` to the downloader. Stopped and cleaned up on deinit.
public final class OSVTestServer {
    public let root: String
    public let served: String
    public let caFile: String
    public let logPath: String
    public let port: Int
    private let process: Process

    public var baseURL: String { "https://127.0.0.1:\(port)" }

    public init(files: [String: [UInt8]], options: [String] = []) throws {
        guard let python = TestServerTools.find("python3"), let openssl = TestServerTools.find("openssl") else {
            throw TestServerError(description: "python3 and openssl are required for the HTTPS download tests")
        }
        root = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-http-\(UUID().uuidString)").path
        served = root + "/served"
        caFile = root + "/cert.pem"
        logPath = root + "/requests.jsonl"
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
        for (path, bytes) in files { try Self.write(bytes, to: served + "/" + path) }

        let keygen = Process()
        keygen.executableURL = URL(fileURLWithPath: openssl)
        keygen.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", root + "/key.pem", "-out", caFile, "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ]
        keygen.standardOutput = FileHandle.nullDevice
        keygen.standardError = FileHandle.nullDevice
        try keygen.run()
        keygen.waitUntilExit()
        guard keygen.terminationStatus == 0 else {
            throw TestServerError(description: "openssl req failed with status \(keygen.terminationStatus)")
        }

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "scripts/osv-test-server.py"
            ).path
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments =
            [
                script, "--dir", served, "--cert", caFile, "--key", root + "/key.pem", "--log", logPath,
                "--lifetime", "90",
            ] + options
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line: [UInt8] = []
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(text), port > 0 else {
            process.terminate()
            throw TestServerError(description: "test server did not report a port (got \(text.debugDescription))")
        }
        self.port = port
    }

    deinit {
        // SIGKILL: a process spawned from a test thread may inherit a mask that blocks SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: root)
    }

    public func url(_ path: String) -> String { baseURL + "/" + path }

    public func replace(_ path: String, with bytes: [UInt8]) throws { try Self.write(bytes, to: served + "/" + path) }

    public func requests() throws -> [LoggedRequest] {
        guard let data = FileManager.default.contents(atPath: logPath) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(LoggedRequest.self, from: Data($0))
        }
    }

    /// A fresh scratch directory under this server's root for download destinations.
    public func scratch() throws -> String {
        let path = root + "/out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private static func write(_ bytes: [UInt8], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
