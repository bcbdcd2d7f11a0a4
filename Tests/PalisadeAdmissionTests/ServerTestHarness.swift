import Foundation
import PalisadeAdmission
import PalisadeHTTP
import Synchronization

/// A reviewer that answers every POST with a small JSON echo of the path and body size, optionally
/// after sleeping (a slow policy), and counts what it was asked.
final class ServerStubReviewer: AdmissionReviewer {
    let delay: Duration
    /// When set, each review waits for it to be signalled (at most 10 s): the test decides when
    /// an in-flight review ends.
    let gate: DispatchSemaphore?
    private let counts = Mutex((reviews: 0, timeouts: 0))
    /// Set once the first review has begun (tests that act while a review is in flight wait on it).
    let reviewStarted = Atomic<Bool>(false)

    init(delay: Duration = .zero, gate: DispatchSemaphore? = nil) {
        self.delay = delay
        self.gate = gate
    }

    var reviews: Int { counts.withLock { $0.reviews } }
    var timeouts: Int { counts.withLock { $0.timeouts } }

    func review(body: UnsafeRawBufferPointer, path: String) -> ReviewReply {
        counts.withLock { $0.reviews += 1 }
        reviewStarted.store(true, ordering: .relaxed)
        if delay > .zero { Thread.sleep(forTimeInterval: Self.seconds(delay)) }
        if let gate { _ = gate.wait(timeout: .now() + 10) }
        let allowed = !path.hasSuffix("deny")
        let json = #"{"path":"\#(path)","bytes":\#(body.count),"allowed":\#(allowed)}"#
        return ReviewReply(
            status: 200, body: Array(json.utf8), allowed: allowed,
            decisions: [RuleDecision(rule: "stub \"rule\"", outcome: allowed ? "allow" : "deny")])
    }

    func timedOut(body: UnsafeRawBufferPointer, path: String) -> ReviewReply {
        counts.withLock { $0.timeouts += 1 }
        return ReviewReply(status: 200, body: Array(#"{"timedOut":true}"#.utf8), allowed: true)
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// Collects the server's log lines.
final class ServerLogCollector: Sendable {
    private let lines = Mutex<[String]>([])

    var sink: @Sendable (String) -> Void { { [self] line in lines.withLock { $0.append(line) } } }

    var all: [String] { lines.withLock { $0 } }

    func contains(_ fragment: String) -> Bool { all.contains { $0.contains(fragment) } }
}

/// A running server for one test, with its certificates, stub reviewer and log; `stop()` shuts
/// it down and removes the certificates.
struct ServerUnderTest {
    let server: AdmissionServer
    let port: Int
    let certificates: ServerTestCertificates
    let reviewer: ServerStubReviewer
    let log: ServerLogCollector

    var base: String { "https://127.0.0.1:\(port)" }

    static func start(
        reviewer: ServerStubReviewer = ServerStubReviewer(), certificates: ServerTestCertificates? = nil,
        configure: (inout AdmissionServerConfiguration) -> Void = { _ in }
    ) async throws -> ServerUnderTest {
        let made: ServerTestCertificates
        if let certificates {
            made = certificates
        } else {
            // openssl runs for a while: off the cooperative pool, which other tests share.
            made = try await ServerBlocking.run { Result { try ServerTestCertificates() } }.get()
        }
        let certificates = made
        var configuration = AdmissionServerConfiguration(
            certificatePath: certificates.servingCert, keyPath: certificates.servingKey)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoopThreads = 2
        configure(&configuration)
        let log = ServerLogCollector()
        let server = try AdmissionServer(configuration: configuration, reviewer: reviewer, log: log.sink)
        let port = try await server.start()
        return ServerUnderTest(server: server, port: port, certificates: certificates, reviewer: reviewer, log: log)
    }

    func stop() async {
        await server.shutdown()
        certificates.remove()
    }

    /// A client trusting the test CA.
    func client(_ adjust: (inout HTTPClient.Configuration) -> Void = { _ in }) -> HTTPClient {
        var configuration = HTTPClient.Configuration(caFile: certificates.caFile)
        configuration.connectTimeoutSeconds = 10
        configuration.lowSpeedSeconds = 10
        adjust(&configuration)
        return HTTPClient(configuration: configuration)
    }

    /// POSTs `body` on a fresh connection (libcurl blocks, so it runs off the cooperative pool).
    func post(
        _ path: String = "/validate", body: [UInt8] = Array(#"{"kind":"AdmissionReview"}"#.utf8),
        client: HTTPClient? = nil
    ) async throws(HTTPError) -> HTTPResponse {
        let request = HTTPRequest(
            .post, url: base + path, headers: [("Content-Type", "application/json")], body: body)
        return try await ServerBlocking.run(client ?? self.client(), request)
    }

    func get(_ path: String) async throws(HTTPError) -> HTTPResponse {
        try await ServerBlocking.run(client(), HTTPRequest(.get, url: base + path))
    }

    /// Fails the test's expectation helpers unless a normal review still works.
    func stillServes() async -> Bool {
        guard let response = try? await post() else { return false }
        return response.status == 200 && String(decoding: response.body, as: UTF8.self).contains("\"bytes\"")
    }
}

/// Runs blocking libcurl calls on their own thread so they never starve Swift's cooperative pool.
enum ServerBlocking {
    static func run(_ client: HTTPClient, _ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let result: Result<HTTPResponse, HTTPError> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                do throws(HTTPError) {
                    continuation.resume(returning: .success(try client.send(request, maxBodyBytes: 1 << 20)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes.
func serverEventually(timeout: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}
