import Foundation

/// The certificates one registry test server needs, made with the openssl CLI in `directory`:
/// a test CA, a server certificate it signs for IP:127.0.0.1 and DNS:localhost, and the token issuer's
/// signing certificate. The faulty server certificates are made only when asked for.
struct TestCertificates {
    let directory: String
    let openssl: String

    var caFile: String { directory + "/ca.pem" }
    var caKey: String { directory + "/ca.key" }
    /// The registry's certificate when no fault is asked for; the token issuer and a TLS fault proxy always
    /// serve this one, so they stay verifiable when the registry's certificate is faulty on purpose.
    var serverCert: String { directory + "/server.pem" }
    var serverKey: String { directory + "/server.key" }
    var signingCert: String { directory + "/token-signing.pem" }
    var signingKey: String { directory + "/token-signing.key" }
    private var config: String { directory + "/openssl.cnf" }

    /// Explicit extensions instead of the system openssl.cnf, so Go's verifier (docker-registry) and libcurl
    /// see the same CA:TRUE / serverAuth / subjectAltName on every machine.
    private static let configText = """
        [req]
        distinguished_name = dn
        prompt = no
        [dn]
        [ca]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        [server]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = IP:127.0.0.1,DNS:localhost
        subjectKeyIdentifier = hash

        """

    init(directory: String) throws {
        self.directory = directory
        openssl = try RegistryTools.require(RegistryTools.find("openssl"), "openssl")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.configText.write(toFile: config, atomically: true, encoding: .utf8)
        try ProcessRunner.check(
            openssl,
            [
                "req", "-config", config, "-x509", "-extensions", "ca", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey, "-out", caFile, "-days", "2",
                "-subj", "/CN=Palisade Test CA",
            ])
        try makeServerCertificate(cert: serverCert, key: serverKey, days: 2)
    }

    /// A certificate for 127.0.0.1/localhost signed by the test CA, valid for `days` from now. A negative
    /// `days` makes an expired one: OpenSSL 3.0 has no `-not_before`/`-not_after` (3.4 added them), but
    /// `x509 -days -1` sets notAfter one day before notBefore (= now), which every verifier reports as expired.
    func makeServerCertificate(cert: String, key: String, days: Int) throws {
        let request = cert + ".csr"
        try ProcessRunner.check(
            openssl,
            [
                "req", "-config", config, "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key, "-out", request, "-subj", "/CN=127.0.0.1",
            ])
        try ProcessRunner.check(
            openssl,
            [
                "x509", "-req", "-in", request, "-CA", caFile, "-CAkey", caKey, "-set_serial", Self.serial(),
                "-days", String(days), "-extfile", config, "-extensions", "server", "-out", cert,
            ])
    }

    /// A certificate for 127.0.0.1/localhost that signs itself: valid dates and names, but no trusted issuer.
    func makeSelfSignedCertificate(cert: String, key: String) throws {
        try ProcessRunner.check(
            openssl,
            [
                "req", "-config", config, "-x509", "-extensions", "server", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                "-subj", "/CN=127.0.0.1",
            ])
    }

    /// The token issuer's RSA signing key and its self-signed certificate, the registry's `rootcertbundle`.
    func makeSigningCertificate() throws {
        try ProcessRunner.check(
            openssl,
            [
                "req", "-config", config, "-x509", "-extensions", "ca", "-newkey", "rsa:2048", "-nodes",
                "-keyout", signingKey, "-out", signingCert, "-days", "2", "-subj", "/CN=palisade-test-issuer",
            ])
    }

    private static func serial() -> String {
        "0x"
            + (0..<16).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.map {
                $0.count == 1 ? "0" + $0 : $0
            }.joined()
    }
}
