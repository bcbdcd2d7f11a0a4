import CCurlShim
import Foundation

/// One certificate of a server's chain, as the handshake presented it.
public struct TLSCertificateSummary: Sendable, Hashable {
    public var subject: String
    public var issuer: String
    public var notBefore: Date?
    public var notAfter: Date?

    /// A certificate that issued itself: no CA vouches for it.
    public var isSelfSigned: Bool { !subject.isEmpty && subject == issuer }
}

/// TLS posture checks for audits: the certificate chain a server presents, and whether it still
/// accepts TLS 1.0/1.1. Probes only: nothing is transferred over these connections.
public enum TLSProbe {
    /// Connects to `https://host/` (verifying with `caFile`, or the system store) and returns the
    /// chain, leaf first; `failure` is set when the handshake or verification failed.
    public static func certificates(host: String, caFile: String?, verify: Bool = true) -> (
        chain: [TLSCertificateSummary], failure: HTTPError?
    ) {
        let url = "https://\(host)/v2/"
        guard let handle = palisade_curl_create() else {
            return ([], .transport(url: url, code: -1, detail: "libcurl initialisation failed"))
        }
        defer { palisade_curl_destroy(handle) }
        _ = palisade_curl_set_url(handle, url)
        _ = palisade_curl_set_protocols(handle, 0)
        _ = palisade_curl_set_timeouts(handle, 10, 1, 15)
        _ = palisade_curl_set_head(handle)
        _ = palisade_curl_enable_certinfo(handle)
        if !verify { _ = palisade_curl_set_verify(handle, 0) }
        if let caFile { _ = palisade_curl_set_ca_file(handle, caFile) }
        var message = [CChar](repeating: 0, count: 256)
        let code = palisade_curl_perform(handle, &message, message.count)
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        let length = palisade_curl_certinfo(handle, &buffer, buffer.count)
        let text = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let chain = parse(text)
        guard code == 0 else {
            let detail = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return (
                chain,
                HTTPError.curl(
                    code: code, url: url,
                    detail: detail.isEmpty ? String(cString: palisade_curl_strerror(code)) : detail, bodyStarted: false)
            )
        }
        return (chain, nil)
    }

    /// Whether a handshake offering only TLS 1.0/1.1 succeeds (certificate not checked).
    public static func acceptsLegacyTLS(host: String) -> Bool {
        guard let handle = palisade_curl_create() else { return false }
        defer { palisade_curl_destroy(handle) }
        _ = palisade_curl_set_url(handle, "https://\(host)/v2/")
        _ = palisade_curl_set_protocols(handle, 0)
        _ = palisade_curl_set_timeouts(handle, 10, 1, 15)
        _ = palisade_curl_set_head(handle)
        _ = palisade_curl_set_verify(handle, 0)
        guard palisade_curl_set_tls_legacy_only(handle) == 0 else { return false }
        var message = [CChar](repeating: 0, count: 256)
        return palisade_curl_perform(handle, &message, message.count) == 0
    }

    /// Parses the shim's "Subject:/Issuer:/Start date:/Expire date:" lines, "--" after each certificate.
    static func parse(_ text: String) -> [TLSCertificateSummary] {
        var out: [TLSCertificateSummary] = []
        var current = TLSCertificateSummary(subject: "", issuer: "", notBefore: nil, notAfter: nil)
        for line in text.split(separator: "\n") {
            if line == "--" {
                out.append(current)
                current = TLSCertificateSummary(subject: "", issuer: "", notBefore: nil, notAfter: nil)
            } else if line.hasPrefix("Subject:") {
                current.subject = line.dropFirst(8).trimmingSpaces()
            } else if line.hasPrefix("Issuer:") {
                current.issuer = line.dropFirst(7).trimmingSpaces()
            } else if line.hasPrefix("Start date:") {
                current.notBefore = date(line.dropFirst(11).trimmingSpaces())
            } else if line.hasPrefix("Expire date:") {
                current.notAfter = date(line.dropFirst(12).trimmingSpaces())
            }
        }
        return out
    }

    /// curl's OpenSSL backend writes `2026-11-23 15:00:00 GMT`; older ones OpenSSL's `Nov 23 15:00:00 2026 GMT`.
    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["yyyy-MM-dd HH:mm:ss zzz", "MMM d HH:mm:ss yyyy zzz", "yyyy-MM-dd HH:mm:ss"] {
            formatter.dateFormat = format
            if let d = formatter.date(from: text) { return d }
        }
        return nil
    }
}
