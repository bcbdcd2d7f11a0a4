import Foundation
import PalisadeAdmission
import PalisadeHTTP
import Testing

@Suite("Admission server TLS", .serialized)
struct ServerTLSTests {
    @Test("TLS 1.1 is refused; TLS 1.2 and 1.3 are accepted")
    func tlsVersions() async throws {
        let server = try await ServerUnderTest.start()
        defer { Task { await server.stop() } }
        let legacy = server.client {
            $0.minimumTLSVersion = .tls10
            $0.maximumTLSVersion = .tls11
        }
        await #expect(throws: HTTPError.self) { _ = try await server.post(client: legacy) }
        // The server saw the TLS 1.1 offer and refused it (the client did not just give up alone).
        #expect(await serverEventually { server.log.contains("UNSUPPORTED_PROTOCOL") })
        for version in [HTTPClient.TLSVersion.tls12, .tls13] {
            let client = server.client {
                $0.minimumTLSVersion = version
                $0.maximumTLSVersion = version
            }
            let response = try await server.post(client: client)
            #expect(response.status == 200, "TLS \(version)")
        }
        #expect(await server.stillServes())
    }

    @Test("New certificate files are served to new connections; open keep-alive connections carry on")
    func reloadsCertificate() async throws {
        let server = try await ServerUnderTest.start { $0.reloadInterval = .milliseconds(100) }
        defer { Task { await server.stop() } }
        let port = server.port
        let certificates = server.certificates
        #expect(await Self.servedSubject(server).contains("palisade-webhook-1"))
        let early = try await ServerTestConnection.open(port: port, caFile: certificates.caFile)
        try await early.send(ServerUnderTest.rawPost())
        #expect(try await early.response().status == 200)

        // Written aside, then renamed into place (cert first: a moment of cert/key mismatch).
        let staged = certificates.directory + "/staged"
        try certificates.makeLeaf(cert: staged + ".pem", key: staged + ".key", subject: "palisade-webhook-2")
        try FileManager.default.removeItem(atPath: certificates.servingCert)
        try FileManager.default.moveItem(atPath: staged + ".pem", toPath: certificates.servingCert)
        try FileManager.default.removeItem(atPath: certificates.servingKey)
        try FileManager.default.moveItem(atPath: staged + ".key", toPath: certificates.servingKey)

        #expect(await serverEventually { await Self.servedSubject(server).contains("palisade-webhook-2") })
        #expect(await server.stillServes())
        try await early.send(ServerUnderTest.rawPost())
        let again = try await early.response()
        #expect(again.status == 200)
        #expect(!early.closed)
        await early.close()
        #expect(server.server.metricsText.contains(#"palisade_admission_certificate_reloads_total{result="ok"} "#))
        #expect(server.log.contains("reloaded the serving certificate"))
    }

    @Test("A reload that fails keeps the previous certificate and logs it")
    func failedReloadKeepsCertificate() async throws {
        let server = try await ServerUnderTest.start { $0.reloadInterval = .milliseconds(100) }
        defer { Task { await server.stop() } }
        let certificates = server.certificates
        // Half-written: a truncated PEM.
        try "-----BEGIN CERTIFICATE-----\nMIIB\n".write(
            toFile: certificates.servingCert, atomically: false, encoding: .utf8)
        #expect(await serverEventually { server.log.contains("certificate reload failed") })
        #expect(await server.stillServes())
        #expect(await Self.servedSubject(server).contains("palisade-webhook-1"))

        // A complete certificate whose key is not the one on disk.
        let other = certificates.directory + "/other"
        try certificates.makeLeaf(cert: other + ".pem", key: other + ".key", subject: "palisade-webhook-3")
        try FileManager.default.removeItem(atPath: certificates.servingCert)
        try FileManager.default.copyItem(atPath: other + ".pem", toPath: certificates.servingCert)
        #expect(
            await serverEventually {
                server.server.metricsText.contains(#"palisade_admission_certificate_reloads_total{result="error"} 2"#)
            })
        #expect(await server.stillServes())
        #expect(await Self.servedSubject(server).contains("palisade-webhook-1"))
    }

    @Test("With a client CA, clients need a certificate it signed")
    func clientCertificates() async throws {
        let certificates = try ServerTestCertificates()
        let server = try await ServerUnderTest.start(certificates: certificates) {
            $0.clientCAPath = certificates.clientCAFile
        }
        defer { Task { await server.stop() } }
        await #expect(throws: HTTPError.self) { _ = try await server.post() }
        let stranger = server.client {
            $0.clientCertificate = .init(certificatePath: certificates.strangerCert, keyPath: certificates.strangerKey)
        }
        await #expect(throws: HTTPError.self) { _ = try await server.post(client: stranger) }
        let trusted = server.client {
            $0.clientCertificate = .init(certificatePath: certificates.clientCert, keyPath: certificates.clientKey)
        }
        let response = try await server.post(client: trusted)
        #expect(response.status == 200)
    }

    @Test("Unusable certificate files fail at init with a one-line error")
    func initErrors() throws {
        let certificates = try ServerTestCertificates()
        defer { certificates.remove() }
        let missing = AdmissionServerConfiguration(
            certificatePath: certificates.directory + "/missing.pem", keyPath: certificates.servingKey)
        #expect(throws: AdmissionServerError.self) {
            _ = try AdmissionServer(configuration: missing, reviewer: ServerStubReviewer(), log: { _ in })
        }
        let mismatched = AdmissionServerConfiguration(
            certificatePath: certificates.servingCert, keyPath: certificates.clientKey)
        do {
            _ = try AdmissionServer(configuration: mismatched, reviewer: ServerStubReviewer(), log: { _ in })
            Issue.record("a key that does not match the certificate was accepted")
        } catch {
            #expect(!error.description.contains("\n"))
            #expect(error.description.contains("TLS configuration rejected"))
        }
    }

    /// The subject of the leaf certificate a new connection is served.
    static func servedSubject(_ server: ServerUnderTest) async -> String {
        let host = "127.0.0.1:\(server.port)"
        let caFile = server.certificates.caFile
        return await ServerBlocking.run {
            TLSProbe.certificates(host: host, caFile: caFile).chain.first?.subject ?? ""
        }
    }
}
