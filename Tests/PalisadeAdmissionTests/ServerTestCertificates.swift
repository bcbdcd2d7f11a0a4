import Foundation

/// Certificates for the admission server tests, made with the openssl CLI in a fresh temporary
/// directory: a test CA, two serving certificates it signs (different subjects, for reload
/// tests), a client CA with a client certificate, and a client certificate from a stranger CA.
struct ServerTestCertificates {
    let directory: String

    var caFile: String { directory + "/ca.pem" }
    var caKey: String { directory + "/ca.key" }
    /// What the server is configured with; tests overwrite these to exercise reloads.
    var servingCert: String { directory + "/serving.pem" }
    var servingKey: String { directory + "/serving.key" }
    var clientCAFile: String { directory + "/client-ca.pem" }
    var clientCAKey: String { directory + "/client-ca.key" }
    var clientCert: String { directory + "/client.pem" }
    var clientKey: String { directory + "/client.key" }
    var strangerCAFile: String { directory + "/stranger-ca.pem" }
    var strangerCAKey: String { directory + "/stranger-ca.key" }
    var strangerCert: String { directory + "/stranger.pem" }
    var strangerKey: String { directory + "/stranger.key" }
    private var config: String { directory + "/openssl.cnf" }

    /// Explicit extensions instead of the system openssl.cnf, so every machine makes the same certificates.
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
        [client]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature
        extendedKeyUsage = clientAuth

        """

    init() throws {
        directory = NSTemporaryDirectory() + "palisade-server-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.configText.write(toFile: config, atomically: true, encoding: .utf8)
        try makeCA(cert: caFile, key: caKey, subject: "/CN=Palisade Server Test CA")
        try makeCA(cert: clientCAFile, key: clientCAKey, subject: "/CN=Palisade Client Test CA")
        try makeCA(cert: strangerCAFile, key: strangerCAKey, subject: "/CN=Stranger CA")
        try makeLeaf(cert: servingCert, key: servingKey, subject: "palisade-webhook-1")
        try makeLeaf(
            cert: clientCert, key: clientKey, subject: "kube-apiserver", extensions: "client", caCert: clientCAFile,
            caKey: clientCAKey)
        try makeLeaf(
            cert: strangerCert, key: strangerKey, subject: "stranger", extensions: "client", caCert: strangerCAFile,
            caKey: strangerCAKey)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func makeCA(cert: String, key: String, subject: String) throws {
        try Self.openssl([
            "req", "-config", config, "-x509", "-extensions", "ca", "-newkey", "ec",
            "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
            "-subj", subject,
        ])
    }

    /// A leaf signed by the server CA (or `caCert`); a serving certificate's file holds the chain
    /// (leaf, then CA), as cert-manager writes it.
    func makeLeaf(
        cert: String, key: String, subject: String, extensions: String = "server", caCert: String? = nil,
        caKey: String? = nil
    ) throws {
        let request = cert + ".csr"
        try Self.openssl([
            "req", "-config", config, "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", request, "-subj", "/CN=\(subject)",
        ])
        try Self.openssl([
            "x509", "-req", "-in", request, "-CA", caCert ?? caFile, "-CAkey", caKey ?? self.caKey, "-set_serial",
            String(UInt32.random(in: 1...UInt32.max)), "-days", "2", "-extfile", config, "-extensions", extensions,
            "-out", cert,
        ])
        if extensions == "server" {
            let chain =
                try String(contentsOfFile: cert, encoding: .utf8) + String(contentsOfFile: caFile, encoding: .utf8)
            try chain.write(toFile: cert, atomically: false, encoding: .utf8)
        }
    }

    static func openssl(_ arguments: [String]) throws {
        let result = try ServerProcess.run("/usr/bin/openssl", arguments)
        guard result.status == 0 else { throw ServerTestFailure("openssl \(arguments.first ?? ""): \(result.output)") }
    }
}

/// A test precondition that did not hold, with a message saying which.
struct ServerTestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs a command to completion, collecting stdout and stderr together.
enum ServerProcess {
    static func run(_ executable: String, _ arguments: [String], input: [UInt8] = []) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try? stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
