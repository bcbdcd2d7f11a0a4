import Foundation
import PalisadeHTTP
import Synchronization
import Testing

@testable import PalisadeAdmission

@Suite("Admission server overload and shutdown", .serialized)
struct ServerOverloadTests {
    @Test("Requests that waited past the answer deadline get the timed-out reply instead of queueing")
    func answerDeadline() async throws {
        // A slow reviewer (600 ms) keeps the margin wide when TLS handshakes are slow on a loaded machine.
        let reviewer = ServerStubReviewer(delay: .milliseconds(600))
        let server = try await ServerUnderTest.start(reviewer: reviewer) {
            $0.answerDeadline = .milliseconds(100)
            $0.eventLoopThreads = 1
        }
        defer { Task { await server.stop() } }
        let count = 6
        let start = ContinuousClock.now
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<count {
                group.addTask {
                    let response = try await server.post()
                    #expect(response.status == 200)
                    return String(decoding: response.body, as: UTF8.self)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let elapsed = ContinuousClock.now - start
        let timedOut = bodies.filter { $0.contains("timedOut") }.count
        #expect(timedOut >= 1)
        #expect(reviewer.reviews + reviewer.timeouts == count)
        // Serially every request would take 600 ms: answering late ones at once must beat that.
        #expect(elapsed < .milliseconds(600 * count))
        #expect(server.server.metricsText.contains("palisade_admission_timeouts_total \(timedOut)"))
    }

    @Test("Shutdown finishes in-flight requests, closes idle ones, refuses new ones")
    func gracefulShutdown() async throws {
        let gate = DispatchSemaphore(value: 0)
        let reviewer = ServerStubReviewer(gate: gate)
        let server = try await ServerUnderTest.start(reviewer: reviewer)
        let caFile = server.certificates.caFile
        let port = server.port

        let idle = try await ServerTestConnection.open(port: port, caFile: caFile)
        try await idle.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(try await idle.response().status == 200)
        // A readiness probe whose body is still arriving when shutdown begins.
        let probe = try await ServerTestConnection.open(port: port, caFile: caFile)
        try await probe.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(try await probe.response().status == 200)
        try await probe.send("GET /readyz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n\r\nab")

        let busy = try await ServerTestConnection.open(port: port, caFile: caFile)
        try await busy.send(ServerUnderTest.rawPost())
        #expect(await serverEventually { reviewer.reviewStarted.load(ordering: .relaxed) })

        let shutdown = Task { await server.server.shutdown() }
        #expect(await serverEventually { server.server.isDraining })
        gate.signal()
        let answered = try await busy.response()
        #expect(answered.status == 200)
        #expect(answered.body.contains(#""bytes""#))
        #expect(answered.head.lowercased().contains("connection: close"))
        #expect(await idle.waitForClose())

        #expect(
            await serverEventually {
                (try? await ServerTestConnection.open(port: port, caFile: caFile)) == nil
            })
        try await probe.send("cd")
        let notReady = try await probe.response()
        #expect(notReady.status == 503)
        #expect(notReady.head.lowercased().contains("connection: close"))

        await shutdown.value
        await #expect(throws: HTTPError.self) { _ = try await server.post() }
        server.certificates.remove()
    }

    @Test("Connections still busy after the grace period are closed")
    func shutdownGrace() async throws {
        let server = try await ServerUnderTest.start { $0.shutdownGrace = .seconds(1) }
        let stuck = try await ServerTestConnection.open(port: server.port, caFile: server.certificates.caFile)
        try await stuck.send("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{")
        try await Task.sleep(for: .milliseconds(100))
        let start = ContinuousClock.now
        await server.stop()
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(await stuck.waitForClose(timeout: .seconds(2)))
        #expect(server.log.contains("still open after the shutdown grace period"))
    }

    @Test("runUntilTerminated shuts down gracefully on SIGTERM")
    func sigterm() async throws {
        let certificates = try ServerTestCertificates()
        defer { certificates.remove() }
        var configuration = AdmissionServerConfiguration(
            certificatePath: certificates.servingCert, keyPath: certificates.servingKey)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoopThreads = 1
        let log = ServerLogCollector()
        let server = try AdmissionServer(configuration: configuration, reviewer: ServerStubReviewer(), log: log.sink)
        let run = Task { try await server.runUntilTerminated() }
        #expect(await serverEventually { log.contains("listening on 127.0.0.1:") })
        let line = log.all.first { $0.contains("listening on 127.0.0.1:") } ?? ""
        let port = Int(line.split(separator: ":").last ?? "") ?? 0
        let connection = try await ServerTestConnection.open(port: port, caFile: certificates.caFile)
        try await connection.send(ServerUnderTest.rawPost())
        #expect(try await connection.response().status == 200)
        await connection.close()
        kill(getpid(), SIGTERM)
        try await run.value
        #expect(log.contains("received SIGTERM, shutting down"))
        #expect((try? await ServerTestConnection.open(port: port, caFile: certificates.caFile)) == nil)
    }
}
