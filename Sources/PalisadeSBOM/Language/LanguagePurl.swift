/// Package URLs for language packages (https://github.com/package-url/purl-spec). A private builder until the
/// shared `PackageURL` lands; it percent-encodes every byte outside the purl "unreserved" set in each namespace
/// segment, the name and the version, so `@babel` becomes `%40babel` and `+incompatible` becomes `%2Bincompatible`.
enum LanguagePurl {
    static func make(type: PackageEcosystem, namespace: String? = nil, name: String, version: String?) -> String {
        var purl = "pkg:" + type.rawValue + "/"
        if let namespace, !namespace.isEmpty {
            let segments = namespace.split(separator: "/", omittingEmptySubsequences: true)
            purl += segments.map { encode(Substring($0)) }.joined(separator: "/") + "/"
        }
        purl += encode(Substring(name))
        if let version, !version.isEmpty { purl += "@" + encode(Substring(version)) }
        return purl
    }

    /// Percent-encodes everything but `A-Z a-z 0-9 . - _ ~`.
    static func encode(_ text: Substring) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
