/// Decides whether a file is a private key, by name first (cheap, for every file) and by PEM
/// header when the contents were captured.
///
/// Dockle's CIS-DI-0010 reported CA bundles and certificates as secrets because it looked at `.pem`
/// alone. Here a name only makes a file a *candidate*; public certificate directories are never
/// candidates; and when contents are available only a `-----BEGIN … PRIVATE KEY-----` header (or a
/// PuTTY key header) counts. Without contents (a version a later layer deleted or replaced, or a
/// file larger than `maximumSize`), only unambiguous key names count (`id_rsa`, `*.key`,
/// `ssh_host_*_key`, `*key.pem`, `privkey*.pem`); a bare `*.pem` does not.
enum PrivateKeyHeuristics {
    enum NameClass: Sendable, Hashable {
        /// The name alone says private key (`id_ed25519`, `server.key`, `privkey.pem`).
        case key
        /// Could be a key or a certificate (`*.pem`): needs the contents.
        case ambiguous
    }

    /// Key files are a few KiB; larger files named `*.key` are something else (Keynote, translations).
    static let maximumSize = 64 * 1024

    private static let sshClientNames: [[UInt8]] = [
        "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk",
    ].map { Array($0.utf8) }
    private static let dotKey = ascii(".key")
    private static let dotPem = ascii(".pem")
    private static let dotPpk = ascii(".ppk")
    private static let sshHost = ascii("ssh_host_")
    private static let keySuffix = ascii("_key")
    private static let keyPem = ascii("key.pem")
    private static let privkey = ascii("privkey")
    private static let privateWord = ascii("private")

    /// Directories of public trust anchors: never private keys, however they are named.
    static let publicCertificateDirectories: [[UInt8]] = [
        "/etc/ssl/certs", "/usr/share/ca-certificates", "/usr/local/share/ca-certificates", "/etc/ca-certificates",
        "/etc/pki/ca-trust", "/etc/pki/tls/certs", "/usr/share/pki", "/usr/lib/ssl/certs",
        "/etc/pki/ca-trust/extracted", "/usr/share/ca-certs",
    ].map { Array($0.utf8) }
    private static let certPemBundle = ascii("/etc/ssl/cert.pem")

    /// The name class of `path`, or nil when it is not a key candidate. Cheap: suffix tests on bytes.
    static func nameClass(_ p: PathBytes, basenameStart start: Int) -> NameClass? {
        let n = p.count - start
        guard n >= 4 else { return nil }
        let base = start..<p.count
        var result: NameClass? = nil
        if p.hasSuffix(dotKey) || p.hasSuffix(dotPpk) {
            result = .key
        } else if p.hasSuffix(dotPem) {
            result =
                containsLowercased(p, base, privkey) || containsLowercased(p, base, privateWord)
                    || p.hasSuffix(keyPem) ? .key : .ambiguous
        } else if p[start] == UInt8(ascii: "i") && p.equalsAny(base, sshClientNames) {
            result = .key
        } else if p[start] == UInt8(ascii: "s") && n > sshHost.count + keySuffix.count
            && p.equals(start..<(start + sshHost.count), sshHost) && p.hasSuffix(keySuffix)
        {
            result = .key
        }
        guard let result else { return nil }
        for directory in publicCertificateDirectories where p.isAtOrUnder(directory) { return nil }
        if p.equals(0..<p.count, certPemBundle) { return nil }
        return result
    }

    static func nameClass(of path: String) -> NameClass? {
        path.withPathBytes { nameClass($0, basenameStart: $0.basenameStart) }
    }

    private static func containsLowercased(_ p: PathBytes, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        guard range.count >= needle.count else { return false }
        var i = range.lowerBound
        while i + needle.count <= range.upperBound {
            var matched = true
            for j in 0..<needle.count {
                var b = p[i + j]
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != needle[j] {
                    matched = false
                    break
                }
            }
            if matched { return true }
            i += 1
        }
        return false
    }

    private static let beginMarker = ascii("-----BEGIN ")
    private static let privateKeyMarker = ascii("PRIVATE KEY")
    private static let puttyMarker = ascii("PuTTY-User-Key-File-")

    /// Whether `contents` hold a private key: a PEM/PGP armour line `-----BEGIN … PRIVATE KEY…-----`
    /// (RSA, EC, DSA, OPENSSH, ENCRYPTED, PKCS#8, PGP), or a PuTTY key file header.
    static func containsPrivateKey(_ contents: [UInt8]) -> Bool {
        if contents.starts(with: puttyMarker) { return true }
        var i = 0
        let n = contents.count
        while i + beginMarker.count <= n {
            if contents[i] == 0x2D, matches(contents, at: i, beginMarker) {
                // The label runs to the end of the line (`RSA PRIVATE KEY-----`, `PGP PRIVATE KEY BLOCK-----`).
                var end = i + beginMarker.count
                while end < n, contents[end] != 0x0A, contents[end] != 0x0D, end - i < 128 { end += 1 }
                var j = i + beginMarker.count
                while j + privateKeyMarker.count <= end {
                    if matches(contents, at: j, privateKeyMarker) { return true }
                    j += 1
                }
                i = end
                continue
            }
            i += 1
        }
        return false
    }

    private static func matches(_ bytes: [UInt8], at offset: Int, _ literal: [UInt8]) -> Bool {
        guard offset >= 0, offset + literal.count <= bytes.count else { return false }
        for j in 0..<literal.count where bytes[offset + j] != literal[j] { return false }
        return true
    }
}
