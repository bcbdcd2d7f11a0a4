import Foundation
import NIOSSL
import PalisadeAdmission
import Testing
import X509

/// The generated CA and serving certificate, checked by the real `openssl` CLI rather than by
/// the library that made them.
@Suite("Install: webhook certificates")
struct InstallCertificateTests {
    static let names = [
        "palisade-admission", "palisade-admission.palisade", "palisade-admission.palisade.svc",
        "palisade-admission.palisade.svc.cluster.local",
    ]

    func generate(validityDays: Int = 365, now: Date = Date()) throws -> WebhookCertificates {
        try WebhookCertificates.generate(
            service: "palisade-admission", namespace: "palisade", validityDays: validityDays, now: now)
    }

    @Test("openssl verifies the serving certificate against the CA with -x509_strict")
    func chainVerifies() throws {
        let certs = try generate()
        let dir = try InstallTestSupport.Directory()
        let ca = try dir.write("ca.pem", certs.caCertificatePEM)
        let leaf = try dir.write("leaf.pem", certs.certificatePEM)
        let result = try InstallTestSupport.openssl([
            "verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", ca, leaf,
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("leaf.pem: OK"))
        // And for the name the API server dials.
        let named = try InstallTestSupport.openssl([
            "verify", "-x509_strict", "-verify_hostname", "palisade-admission.palisade.svc", "-CAfile", ca, leaf,
        ])
        #expect(named.status == 0, "\(named.output)")
        let wrong = try InstallTestSupport.openssl([
            "verify", "-verify_hostname", "other.palisade.svc", "-CAfile", ca, leaf,
        ])
        #expect(wrong.status != 0)
    }

    @Test("the serving certificate lists the four service DNS names")
    func subjectAlternativeNames() throws {
        let certs = try generate()
        let dir = try InstallTestSupport.Directory()
        let leaf = try dir.write("leaf.pem", certs.certificatePEM)
        let result = try InstallTestSupport.openssl(["x509", "-in", leaf, "-noout", "-ext", "subjectAltName"])
        #expect(result.status == 0, "\(result.output)")
        let listed = result.output.split(whereSeparator: { $0 == "," || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("DNS:") }
            .map { String($0.dropFirst(4)) }
        #expect(listed == Self.names)
    }

    @Test("the private key belongs to the serving certificate")
    func keyMatchesCertificate() throws {
        let certs = try generate()
        #expect(certs.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let dir = try InstallTestSupport.Directory()
        let key = try dir.write("key.pem", certs.privateKeyPEM)
        let leaf = try dir.write("leaf.pem", certs.certificatePEM)
        let fromKey = try InstallTestSupport.openssl(["pkey", "-in", key, "-pubout"])
        let fromCert = try InstallTestSupport.openssl(["x509", "-in", leaf, "-noout", "-pubkey"])
        #expect(fromKey.status == 0 && fromCert.status == 0, "\(fromKey.output) \(fromCert.output)")
        #expect(fromKey.output.contains("BEGIN PUBLIC KEY"))
        #expect(fromKey.output == fromCert.output)
        let check = try InstallTestSupport.openssl(["ec", "-in", key, "-check", "-noout"])
        #expect(check.status == 0, "\(check.output)")
    }

    @Test("CA and serving certificate carry the intended extensions")
    func extensions() throws {
        let certs = try generate()
        let dir = try InstallTestSupport.Directory()
        let ca = try InstallTestSupport.openssl([
            "x509", "-in", try dir.write("ca.pem", certs.caCertificatePEM), "-noout", "-text",
        ])
        #expect(ca.output.contains("X509v3 Basic Constraints: critical"))
        #expect(ca.output.contains("CA:TRUE"))
        #expect(ca.output.contains("X509v3 Key Usage: critical"))
        #expect(ca.output.contains("Certificate Sign, CRL Sign"))
        #expect(ca.output.contains("X509v3 Subject Key Identifier"))
        #expect(ca.output.contains("ASN1 OID: prime256v1"))

        let leaf = try InstallTestSupport.openssl([
            "x509", "-in", try dir.write("leaf.pem", certs.certificatePEM), "-noout", "-text",
        ])
        #expect(leaf.output.contains("CA:FALSE"))
        #expect(leaf.output.contains("Digital Signature"))
        #expect(!leaf.output.contains("Certificate Sign"))
        #expect(leaf.output.contains("TLS Web Server Authentication"))
        #expect(leaf.output.contains("X509v3 Authority Key Identifier"))
        #expect(leaf.output.contains("ecdsa-with-SHA256"))
    }

    @Test("validity: backdated five minutes, the CA outlives the serving certificate")
    func validity() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let certs = try generate(validityDays: 30, now: now)
        let ca = try Certificate(pemEncoded: certs.caCertificatePEM)
        let leaf = try Certificate(pemEncoded: certs.certificatePEM)
        #expect(leaf.notValidBefore == now.addingTimeInterval(-300))
        #expect(leaf.notValidAfter == now.addingTimeInterval(30 * 86400))
        #expect(ca.notValidBefore == leaf.notValidBefore)
        #expect(ca.notValidAfter == now.addingTimeInterval(60 * 86400))
        #expect(leaf.issuer == ca.subject)
    }

    @Test("serial numbers are random, positive and 20 bytes")
    func serials() throws {
        let a = try Certificate(pemEncoded: try generate().certificatePEM)
        let b = try Certificate(pemEncoded: try generate().certificatePEM)
        #expect(a.serialNumber != b.serialNumber)
        for serial in [a.serialNumber, b.serialNumber] {
            #expect(serial.bytes.count == 20)
            #expect(serial.bytes.first.map { $0 & 0x80 == 0 && $0 != 0 } == true)
        }
    }

    @Test("NIOSSL (BoringSSL) loads the pair and builds a server context that trusts the chain")
    func loadsInNIOSSL() throws {
        let certs = try generate()
        let leaf = try NIOSSLCertificate(bytes: Array(certs.certificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(certs.privateKeyPEM.utf8), format: .pem)
        let ca = try NIOSSLCertificate(bytes: Array(certs.caCertificatePEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(leaf)], privateKey: .privateKey(key))
        configuration.trustRoots = .certificates([ca])
        _ = try NIOSSLContext(configuration: configuration)
    }

    @Test("generation takes milliseconds")
    func fast() throws {
        let clock = ContinuousClock()
        let elapsed = try clock.measure { _ = try generate() }
        #expect(elapsed < .milliseconds(500), "took \(elapsed)")
    }
}
