import Foundation
import PalisadeHTTP
import Testing

@testable import PalisadeAdmission

@Suite("Admission server under bad input", .serialized)
struct ServerRobustnessTests {
    @Test("Malformed HTTP gets 400 and a close; others are still served")
    func malformedHTTP() async throws {
        let server = try await ServerUnderTest.start()
        defer { Task { await server.stop() } }
        let connection = try await ServerTestConnection.open(port: server.port, caFile: server.certificates.caFile)
        try await connection.send("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Length: nope\r\n\r\n")
        let response = try await connection.response()
        #expect(response.status == 400)
        #expect(await connection.waitForClose())

        let garbled = try await ServerTestConnection.open(port: server.port, caFile: server.certificates.caFile)
        try await garbled.send("\u{1}\u{2} not http at all\r\n\r\n")
        #expect(await garbled.waitForClose())
        #expect(await server.stillServes())
    }

    @Test("Bodies over the limit get 413: declared, streamed and chunked")
    func oversizedBodies() async throws {
        let server = try await ServerUnderTest.start()
        defer { Task { await server.stop() } }
        let caFile = server.certificates.caFile

        // Declared up front: refused before any body byte is sent.
        let declared = try await ServerTestConnection.open(port: server.port, caFile: caFile)
        try await declared.send("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10485760\r\n\r\n")
        #expect(try await declared.response().status == 413)
        #expect(await declared.waitForClose())

        // libcurl sending 10 MB: a 413, or the connection closed under it.
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20)
        do {
            let response = try await server.post(body: big)
            #expect(response.status == 413)
        } catch {
            // The server closed while the upload was still going: also a refusal.
        }

        // Chunked: no length to check, so the bytes are counted as they arrive.
        let chunked = try await ServerTestConnection.open(port: server.port, caFile: caFile)
        try await chunked.send("POST /validate HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = "10000\r\n" + String(repeating: "b", count: 0x10000) + "\r\n"
        for _ in 0..<160 where !chunked.closed {
            do { try await chunked.send(chunk) } catch { break }
        }
        #expect(chunked.received.hasPrefix("HTTP/1.1 413"))
        #expect(await chunked.waitForClose())
        #expect(await server.stillServes())
    }

    @Test("Slow clients are cut off at the request read timeout")
    func slowLoris() async throws {
        let server = try await ServerUnderTest.start { $0.requestReadTimeout = .seconds(1) }
        defer { Task { await server.stop() } }
        let connection = try await ServerTestConnection.open(port: server.port, caFile: server.certificates.caFile)
        let start = ContinuousClock.now
        for byte in "POST /validate HTTP/1.1\r\nHost: localhost\r\nX-Slow: yes\r\n".utf8 {
            if connection.closed { break }
            try? await connection.send([byte])
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(await connection.waitForClose())
        #expect(ContinuousClock.now - start < .seconds(8))
        #expect(server.log.contains("request not complete within 1s"))

        // A handshake that never finishes, on plain TCP.
        let stalled = try await ServerTestConnection.open(port: server.port, caFile: nil)
        // On a loaded machine the server may already have cut it off: that is the answer too.
        try? await stalled.send([0x16, 0x03, 0x01])
        #expect(await stalled.waitForClose(timeout: .seconds(5)))
        #expect(await server.stillServes())
    }

    @Test("Idle keep-alive connections are closed after the idle timeout")
    func idleTimeout() async throws {
        let server = try await ServerUnderTest.start { $0.idleTimeout = .seconds(1) }
        defer { Task { await server.stop() } }
        let connection = try await ServerTestConnection.open(port: server.port, caFile: server.certificates.caFile)
        try await connection.send(ServerUnderTest.rawPost())
        #expect(try await connection.response().status == 200)
        #expect(await connection.waitForClose(timeout: .seconds(5)))
        #expect(await server.stillServes())
    }

    @Test("Plain HTTP and garbage on the TLS port are refused")
    func notTLS() async throws {
        let server = try await ServerUnderTest.start()
        defer { Task { await server.stop() } }
        let plain = try await ServerTestConnection.open(port: server.port, caFile: nil)
        try await plain.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(await plain.waitForClose())
        #expect(plain.received.hasPrefix("HTTP/1.1 400"))
        #expect(plain.received.contains("Client sent an HTTP request to an HTTPS server"))
        #expect(server.log.contains("refused plain HTTP"))

        let garbage = try await ServerTestConnection.open(port: server.port, caFile: nil)
        try await garbage.send([0x00, 0xFF, 0x13, 0x37, 0x0A])
        #expect(await garbage.waitForClose())

        // Starts like a TLS record, then nonsense: the TLS handshake fails.
        let broken = try await ServerTestConnection.open(port: server.port, caFile: nil)
        try await broken.send([0x16, 0x03, 0x01, 0x00, 0x05, 0xDE, 0xAD, 0xBE, 0xEF, 0x00])
        #expect(await broken.waitForClose())
        #expect(await server.stillServes())
    }

    @Test("Connections over the limit are closed at accept")
    func connectionLimit() async throws {
        let server = try await ServerUnderTest.start { $0.maxConnections = 2 }
        defer { Task { await server.stop() } }
        var held: [ServerTestConnection] = []
        for _ in 0..<2 {
            let connection = try await ServerTestConnection.open(port: server.port, caFile: server.certificates.caFile)
            try await connection.send(ServerUnderTest.rawPost())
            #expect(try await connection.response().status == 200)
            held.append(connection)
        }
        let extra = try? await ServerTestConnection.open(port: server.port, caFile: server.certificates.caFile)
        if let extra {
            try? await extra.send(ServerUnderTest.rawPost())
            #expect(await extra.waitForClose())
        }
        #expect(server.server.metricsText.contains("palisade_admission_rejected_connections_total 1"))
        for connection in held { await connection.close() }
        #expect(await serverEventually { await server.stillServes() })
    }

    @Test("The log is capped per second and reports what it suppressed")
    func rateLimitedLog() async throws {
        let lines = ServerLogCollector()
        let log = RateLimitedLog(limit: 20, sink: lines.sink)
        for index in 0..<50 { log("line \(index)\nwith a newline") }
        #expect(lines.all.count == 20)
        #expect(lines.all.allSatisfy { !$0.contains("\n") })
        try await Task.sleep(for: .milliseconds(1100))
        log("after")
        #expect(lines.all.suffix(2) == ["30 similar lines suppressed", "after"])
    }
}
