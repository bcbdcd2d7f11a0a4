extension PackageURL {
    /// Parses a purl string (`pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=debian-12`) as
    /// SBOMs and VEX documents from other tools write it, so their packages and product ids can
    /// be compared with Palisade's own. Lenient where tools differ (an unencoded `@` in an npm
    /// scope, `pkg://`), nil when there is no type or name. The result is normalised by `init`.
    public static func parse(_ text: String) -> PackageURL? {
        var rest = Substring(text.trimmingLeadingAndTrailingSpaces())
        guard rest.count <= 8192, rest.lowercased().hasPrefix("pkg:") else { return nil }
        rest = rest.dropFirst(4).drop { $0 == "/" }
        var subpath: String?
        if let hash = rest.firstIndex(of: "#") {
            subpath = PURLPercentDecoding.decode(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var qualifiers: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let key = String(pair[..<equals]).lowercased()
                guard !key.isEmpty else { continue }
                qualifiers[key] = PURLPercentDecoding.decode(pair[pair.index(after: equals)...])
            }
            rest = rest[..<question]
        }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let type = String(rest[..<slash])
        guard !type.isEmpty, type.utf8.allSatisfy(isTypeByte) else { return nil }
        var path = rest[rest.index(after: slash)...]
        while path.last == "/" { path = path.dropLast() }
        let lastSlash = path.lastIndex(of: "/")
        let nameStart = lastSlash.map { path.index(after: $0) } ?? path.startIndex
        var version: String?
        if let at = path[nameStart...].lastIndex(of: "@") {
            version = PURLPercentDecoding.decode(path[path.index(after: at)...])
            path = path[..<at]
        }
        let segments = path.split(separator: "/").map { PURLPercentDecoding.decode($0) }
        guard let name = segments.last, !name.isEmpty else { return nil }
        let namespace = segments.dropLast().joined(separator: "/")
        return PackageURL(
            type: type, namespace: namespace.isEmpty ? nil : namespace, name: name, version: version,
            qualifiers: qualifiers, subpath: subpath)
    }

    private static func isTypeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}

extension String {
    fileprivate func trimmingLeadingAndTrailingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}

/// `%XX` decoding for purl components; malformed escapes are kept as written, and invalid
/// UTF-8 is repaired, so decoding never fails.
enum PURLPercentDecoding {
    static func decode(_ value: some StringProtocol) -> String {
        let input = Array(value.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            if input[i] == UInt8(ascii: "%"), i + 2 < input.count, let high = hex(input[i + 1]),
                let low = hex(input[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(input[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
