/// A `WWW-Authenticate` challenge: `Basic realm="…"` or `Bearer realm="…",service="…",scope="…"`,
/// the form Docker Hub, GHCR, Harbor and Quay send.
public struct AuthChallenge: Sendable, Hashable {
    public var scheme: String
    /// Parameter names lowercased; values unquoted and unescaped.
    public var parameters: [String: String]

    public var realm: String? { parameters["realm"] }

    /// The first challenge of the header; nil when there is none.
    public static func parse(_ header: String) -> AuthChallenge? {
        let bytes = Array(header.utf8)
        var i = 0
        func skipSpaces() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 } }
        func token() -> String {
            let start = i
            while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != UInt8(ascii: "="),
                bytes[i] != UInt8(ascii: ",")
            {
                i += 1
            }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        skipSpaces()
        let scheme = token()
        guard !scheme.isEmpty else { return nil }
        var parameters: [String: String] = [:]
        while i < bytes.count {
            skipSpaces()
            if i < bytes.count, bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            let name = token().lowercased()
            skipSpaces()
            guard !name.isEmpty, i < bytes.count, bytes[i] == UInt8(ascii: "=") else { break }
            i += 1
            skipSpaces()
            var value: [UInt8] = []
            if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count { i += 1 }
                    value.append(bytes[i])
                    i += 1
                }
                i += 1
            } else {
                while i < bytes.count, bytes[i] != UInt8(ascii: ","), bytes[i] != 0x20 {
                    value.append(bytes[i])
                    i += 1
                }
            }
            parameters[name] = String(decoding: value, as: UTF8.self)
        }
        return AuthChallenge(scheme: scheme.lowercased(), parameters: parameters)
    }
}
