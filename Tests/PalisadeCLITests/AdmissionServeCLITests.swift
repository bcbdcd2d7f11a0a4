import Foundation
import Testing

/// `palisade admission serve` as a process: bad input is one line and exit 2; a running server
/// answers real HTTPS reviews (curl as an independent client) and exits 0 on SIGTERM.
@Suite("palisade admission serve")
struct AdmissionServeCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func sh(_ argv: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A self-signed certificate for 127.0.0.1, made by the real openssl.
    static func certificate(in dir: URL) throws {
        let (status, out) = try sh([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.path + "/tls.key",
            "-out", dir.path + "/tls.crt",
        ])
        #expect(status == 0, "\(out)")
    }

    @Test("a broken policy, a missing certificate: one error line, exit 2")
    func badInput() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.certificate(in: dir)
        let policy = dir.appendingPathComponent("policy.yaml").path
        try "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\nrules:\n  - ids: [K8S-NOPE]\n    action: warn\n"
            .write(toFile: policy, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run([
            "admission", "serve", "--config", policy, "--tls-cert", dir.path + "/tls.crt", "--tls-key",
            dir.path + "/tls.key", "--port", "0",
        ])
        #expect(bad.status == 2)
        #expect(bad.stderrLines.count == 1)
        #expect(bad.stderr.contains("policy.yaml:4:10: rules[0].ids: no Kubernetes rule matches 'K8S-NOPE'"))

        try "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\n".write(
            toFile: policy, atomically: true, encoding: .utf8)
        let noCert = try CLIRunner.run([
            "admission", "serve", "--config", policy, "--tls-cert", dir.path + "/missing.crt", "--tls-key",
            dir.path + "/tls.key", "--port", "0",
        ])
        #expect(noCert.status == 2)
        #expect(noCert.stderrLines.count == 1)
        #expect(noCert.stderr.contains("missing.crt"))

        let noThreads = try CLIRunner.run([
            "admission", "serve", "--config", policy, "--tls-cert", dir.path + "/tls.crt", "--tls-key",
            dir.path + "/tls.key", "--port", "0", "--threads", "0",
        ])
        #expect(noThreads.status == 2)
        #expect(noThreads.stderr.contains("--threads must be 1…256"))

        // The benchmark's hidden stand-in cost only makes sense with the constant allow.
        for (extra, message) in [
            (["--constant-allow-cost-us", "3"], "--constant-allow-cost-us needs --constant-allow"),
            (["--constant-allow", "--constant-allow-cost-us=-1"], "--constant-allow-cost-us must be 0…100000"),
            (["--constant-allow", "--constant-allow-cost-us", "nan"], "--constant-allow-cost-us must be 0…100000"),
        ] {
            let bad = try CLIRunner.run(
                [
                    "admission", "serve", "--config", policy, "--tls-cert", dir.path + "/tls.crt", "--tls-key",
                    dir.path + "/tls.key", "--port", "0",
                ] + extra)
            #expect(bad.status == 2, "\(extra)")
            #expect(bad.stderr.contains(message), "\(bad.stderr)")
        }
    }

    @Test("serves reviews over HTTPS and exits 0 on SIGTERM")
    func serveAndTerminate() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.certificate(in: dir)
        let policy = dir.appendingPathComponent("policy.yaml").path
        try "apiVersion: palisade.dev/v1\nkind: AdmissionPolicy\npodSecurity: {enforce: baseline}\n"
            .write(toFile: policy, atomically: true, encoding: .utf8)
        let binary = try #require(CLIRunner.binary)
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "admission", "serve", "--config", policy, "--tls-cert", dir.path + "/tls.crt", "--tls-key",
            dir.path + "/tls.key", "--host", "127.0.0.1", "--port", "0", "--threads", "1",
        ]
        let log = dir.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The log line names the port.
        var port: Int?
        let deadline = Date().addingTimeInterval(30)
        while port == nil, Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on 127.0.0.1:") {
                port = Int(text[range.upperBound...].prefix { $0.isNumber })
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        let p = try #require(port, "no listening line: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        let base = "https://127.0.0.1:\(p)"
        let (_, ready) = try Self.sh(["curl", "-s", "--cacert", dir.path + "/tls.crt", base + "/readyz"])
        #expect(ready == "ok")
        let review = Self.fixtures.appendingPathComponent("admission/deployment-create.json").path
        let (status, body) = try Self.sh([
            "curl", "-s", "--cacert", dir.path + "/tls.crt", "-H", "Content-Type: application/json", "--data-binary",
            "@" + review, base + "/validate",
        ])
        #expect(status == 0)
        #expect(body.contains(#""uid":"0df28fbd-5f5f-11e8-bc74-36e6bb280816","allowed":true"#), "\(body)")
        let (_, metrics) = try Self.sh(["curl", "-s", "--cacert", dir.path + "/tls.crt", base + "/metrics"])
        #expect(metrics.contains("palisade_admission_reviews_total"))

        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("shutting down"))
    }
}
