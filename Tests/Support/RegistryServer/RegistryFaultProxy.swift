import Foundation

/// A reverse proxy (scripts/registry-fault-proxy.py) in front of a `RegistryTestServer` that injects the
/// failures a registry client must survive or refuse: corrupted and truncated blobs, one-off error statuses,
/// and blob redirects to another host. It speaks TLS (with the registry's test CA) when the registry does,
/// so a client trusts both with the same `caFile`. Killed and cleaned up on deinit.
public final class RegistryFaultProxy {
    public enum Fault: Sendable, Equatable {
        /// GET of this blob returns its body with one byte flipped (headers unchanged).
        case corruptBlob(digest: String)
        /// Every blob GET sends full headers, then only `bytes` bytes of the body, then closes the connection.
        case dropBlobAfter(bytes: Int)
        /// The first request for `path` (exact, or a prefix ending in `*`) gets `status` with `Retry-After: 1`.
        case statusOnce(path: String, status: Int)
        /// Blob GETs get 307 to a second listener under the other loopback name (localhost vs 127.0.0.1) that
        /// serves the blob without credentials and logs whether an Authorization header arrived anyway.
        case redirectBlobs
    }

    public let port: Int
    public let usesTLS: Bool
    /// The CA that signs the proxy's certificate (the upstream registry's test CA).
    public let caFile: String
    /// A `--cert-dir` style directory with the CA as ca.crt.
    public let certDirectory: String
    /// The JSON-lines request log; read it with `requests()`.
    public let logPath: String
    private let directory: String
    private let process: ChildProcess

    /// "127.0.0.1:PORT", the host to put in image references instead of the registry's.
    public var host: String { "127.0.0.1:\(port)" }
    public var baseURL: String { (usesTLS ? "https://" : "http://") + host }

    /// Starts the proxy in front of `upstream`. It verifies the upstream with the test CA, so put it in front
    /// of a registry without a certificate fault.
    public init(upstream: RegistryTestServer, faults: [Fault], lifetimeSeconds: Int = 900) throws {
        let python = try RegistryTools.require(RegistryTools.python, "python3")
        directory = upstream.root + "/proxy-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        usesTLS = upstream.usesTLS
        caFile = upstream.caFile
        certDirectory = upstream.certDirectory
        logPath = directory + "/requests.jsonl"
        var arguments = [
            RegistryTools.scriptsDirectory + "/registry-fault-proxy.py", "--upstream", upstream.baseURL,
            "--log", logPath, "--lifetime", String(lifetimeSeconds),
            "--exit-on-stdin-eof",
        ]
        if usesTLS {
            arguments += [
                "--upstream-ca", upstream.caFile, "--tls-cert", upstream.certificates.serverCert, "--tls-key",
                upstream.certificates.serverKey,
            ]
        }
        for fault in faults {
            switch fault {
            case .corruptBlob(let digest): arguments += ["--corrupt-blob", digest]
            case .dropBlobAfter(let bytes): arguments += ["--drop-blob-after", String(bytes)]
            case .statusOnce(let path, let status): arguments += ["--status-once", "\(path)=\(status)"]
            case .redirectBlobs: arguments.append("--redirect-blobs")
            }
        }
        (process, port) = try ChildProcess.start(
            python, arguments, stderrPath: directory + "/stderr.log", keepStdin: true)
    }

    deinit {
        process.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Every request the proxy and its redirect listener answered so far, in order of completion.
    public func requests() throws -> [ProxiedRequest] {
        guard let data = FileManager.default.contents(atPath: logPath) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(ProxiedRequest.self, from: Data($0))
        }
    }
}

/// One request as the fault proxy logged it.
public struct ProxiedRequest: Decodable, Sendable, Equatable {
    /// "proxy" (the registry front) or "redirect" (the blob host that `.redirectBlobs` sends clients to).
    public var listener: String
    public var method: String
    /// The URL path, without the query.
    public var path: String
    public var status: Int
    /// Whether the request carried an Authorization header.
    public var authorization: Bool
    /// The Host header the client sent.
    public var host: String?
    /// The fault applied ("corrupt-blob", "drop-blob-after", "redirect", "status-once 429"), or nil.
    public var fault: String?
}
