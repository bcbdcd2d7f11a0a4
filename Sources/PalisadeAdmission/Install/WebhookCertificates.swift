import Crypto
import Foundation
import X509

/// A private CA and the webhook's serving certificate, created in-process so that
/// `palisade admission manifests` can fill in `caBundle` without openssl, cfssl or cert-manager.
///
/// The API server is the only client: it trusts exactly this CA for exactly this webhook (through
/// `caBundle`), so the CA is never installed anywhere else and its key is thrown away after signing.
/// P-256 keeps the handshake cheap and is accepted by every Kubernetes release and by BoringSSL.
public struct WebhookCertificates: Sendable, Equatable {
    /// The CA certificate, PEM: the webhook configurations' `caBundle` (base64 of this text).
    public var caCertificatePEM: String
    /// The serving certificate, PEM: `tls.crt`.
    public var certificatePEM: String
    /// The serving certificate's key, PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`): `tls.key`.
    /// OpenSSL, BoringSSL and NIOSSL all load this form.
    public var privateKeyPEM: String

    public init(caCertificatePEM: String, certificatePEM: String, privateKeyPEM: String) {
        self.caCertificatePEM = caCertificatePEM
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }

    /// How long before "now" certificates start being valid: tolerates clocks a few minutes behind.
    public static let backdating: TimeInterval = 5 * 60

    /// The DNS names the API server may use to reach Service `service` in `namespace`: it dials
    /// `service.namespace.svc`, and the others cover clients that use a shorter or longer form.
    public static func dnsNames(service: String, namespace: String) -> [String] {
        [
            service, "\(service).\(namespace)", "\(service).\(namespace).svc",
            "\(service).\(namespace).svc.cluster.local",
        ]
    }

    /// Creates a CA valid for twice `validityDays` (so that the serving certificate can be reissued
    /// once under the same `caBundle`) and a serving certificate valid for `validityDays`.
    /// - Parameter now: the reference time (tests pin it).
    public static func generate(
        service: String, namespace: String, validityDays: Int, now: Date = Date()
    ) throws -> WebhookCertificates {
        precondition(validityDays > 0, "validityDays must be positive")
        let notBefore = now.addingTimeInterval(-backdating)
        let day: TimeInterval = 24 * 60 * 60
        let leafNotAfter = now.addingTimeInterval(Double(validityDays) * day)
        let caNotAfter = now.addingTimeInterval(Double(validityDays) * 2 * day)

        let caKey = P256.Signing.PrivateKey()
        let caPrivateKey = Certificate.PrivateKey(caKey)
        let caName = try DistinguishedName {
            OrganizationName("Palisade")
            CommonName("\(service).\(namespace) webhook CA")
        }
        let caKeyIdentifier = SubjectKeyIdentifier(hash: caPrivateKey.publicKey)
        let caExtensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            caKeyIdentifier
        }
        let ca = try Certificate(
            version: .v3, serialNumber: randomSerial(), publicKey: caPrivateKey.publicKey,
            notValidBefore: notBefore, notValidAfter: caNotAfter, issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: caExtensions, issuerPrivateKey: caPrivateKey)

        let leafKey = P256.Signing.PrivateKey()
        let leafPrivateKey = Certificate.PrivateKey(leafKey)
        let names = dnsNames(service: service, namespace: namespace)
        let leafName = try DistinguishedName {
            OrganizationName("Palisade")
            CommonName(names[2])
        }
        let leafExtensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames(names.map { GeneralName.dnsName($0) })
            SubjectKeyIdentifier(hash: leafPrivateKey.publicKey)
            AuthorityKeyIdentifier(keyIdentifier: caKeyIdentifier.keyIdentifier)
        }
        let leaf = try Certificate(
            version: .v3, serialNumber: randomSerial(), publicKey: leafPrivateKey.publicKey,
            notValidBefore: notBefore, notValidAfter: leafNotAfter, issuer: caName, subject: leafName,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: leafExtensions, issuerPrivateKey: caPrivateKey)

        return WebhookCertificates(
            caCertificatePEM: try ca.serializeAsPEM().pemString + "\n",
            certificatePEM: try leaf.serializeAsPEM().pemString + "\n",
            privateKeyPEM: leafKey.pemRepresentation + "\n")
    }

    /// 20 random bytes (the RFC 5280 maximum) with the top bit cleared, so the DER INTEGER stays
    /// positive and 20 octets long, and a non-zero first byte, so no leading zero is dropped.
    static func randomSerial() -> Certificate.SerialNumber {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = (bytes[0] & 0x7F) | 0x01
        return Certificate.SerialNumber(bytes: bytes)
    }
}
