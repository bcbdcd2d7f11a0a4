import Foundation
import PalisadeAdmission
import PalisadeHTTP
import Testing

@Suite("Admission server routes and keep-alive", .serialized)
struct ServerRoutingTests {
    @Test("POST goes to the reviewer; probes, metrics, 404 and 405")
    func routes() async throws {
        let server = try await ServerUnderTest.start()
        defer { Task { await server.stop() } }
        let review = try await server.post("/validate?timeout=10s")
        #expect(review.status == 200)
        #expect(review[header: "content-type"] == "application/json")
        #expect(String(decoding: review.body, as: UTF8.self) == #"{"path":"/validate","bytes":26,"allowed":true}"#)

        let health = try await server.get("/healthz")
        #expect(health.status == 200 && String(decoding: health.body, as: UTF8.self) == "ok")
        let ready = try await server.get("/readyz")
        #expect(ready.status == 200 && String(decoding: ready.body, as: UTF8.self) == "ok")
        let metrics = try await server.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics[header: "content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(String(decoding: metrics.body, as: UTF8.self).contains("palisade_admission_requests_total"))
        let missing = try await server.get("/nowhere")
        #expect(missing.status == 404)

        let connection = try await ServerTestConnection.open(port: server.port, caFile: server.certificates.caFile)
        try await connection.send("DELETE /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let wrongMethod = try await connection.response()
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.body.contains("method not allowed"))
        await connection.close()
    }

    @Test("Several requests on one keep-alive connection, sequential and pipelined")
    func keepAlive() async throws {
        let server = try await ServerUnderTest.start()
        defer { Task { await server.stop() } }
        let connection = try await ServerTestConnection.open(port: server.port, caFile: server.certificates.caFile)
        for index in 0..<3 {
            try await connection.send(ServerUnderTest.rawPost("/validate-\(index)"))
            let response = try await connection.response()
            #expect(response.status == 200)
            #expect(response.body.contains("/validate-\(index)"))
            #expect(!response.head.lowercased().contains("connection: close"))
        }
        try await connection.send(ServerUnderTest.rawPost("/first") + ServerUnderTest.rawPost("/second-deny"))
        let first = try await connection.response()
        let second = try await connection.response()
        #expect(first.body.contains("/first") && first.body.contains(#""allowed":true"#))
        #expect(second.body.contains("/second-deny") && second.body.contains(#""allowed":false"#))
        #expect(!connection.closed)
        await connection.close()
        #expect(server.reviewer.reviews == 5)
    }

    @Test("A body split over many reads reaches the reviewer whole; chunked bodies too")
    func splitAndChunkedBodies() async throws {
        let server = try await ServerUnderTest.start()
        defer { Task { await server.stop() } }
        let body = String(repeating: "x", count: 200_000)
        let response = try await server.post(body: Array(body.utf8))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains(#""bytes":200000"#))

        let connection = try await ServerTestConnection.open(port: server.port, caFile: server.certificates.caFile)
        try await connection.send("POST /chunked HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n")
        try await connection.send("5\r\nhello\r\n")
        try await connection.send("6\r\n world\r\n0\r\n\r\n")
        let chunked = try await connection.response()
        #expect(chunked.status == 200)
        #expect(chunked.body.contains(#""bytes":11"#))
        await connection.close()
    }
}
