/// Detects an image's distribution from `os-release(5)` and, for images without it, from the
/// older `/etc/debian_version` and `/etc/alpine-release`. The image pipeline reads the files
/// listed in `paths` and `fallbackPaths` from the merged filesystem and calls `detect`.
public enum OSReleaseParser {
    /// `os-release` locations in the order `os-release(5)` says to try them.
    public static let paths = ["/etc/os-release", "/usr/lib/os-release"]
    /// Files consulted only when no `os-release` gives an `OSRelease`.
    public static let fallbackPaths = ["/etc/debian_version", "/etc/alpine-release"]
    /// Every path `detect` may look at, for a pipeline that collects small files by path.
    public static var allPaths: [String] { paths + fallbackPaths }
    /// os-release files are a few hundred bytes; anything far larger is not one.
    public static let maximumFileSize = 64 << 10

    /// The first usable answer among `paths`, then `fallbackPaths`. `files` maps absolute
    /// paths to their contents (absent paths are simply missing).
    public static func detect(files: [String: [UInt8]]) -> OSRelease? {
        for path in paths {
            if let bytes = files[path], let release = parse(bytes) { return release }
        }
        if let bytes = files["/etc/debian_version"], let release = parseDebianVersion(bytes) { return release }
        if let bytes = files["/etc/alpine-release"], let release = parseAlpineRelease(bytes) { return release }
        return nil
    }

    /// Parses `os-release(5)`: `KEY=value` lines, values unquoted or in single or double quotes
    /// (backslash escapes inside double quotes), `#` comments. Nil when no assignment is found
    /// or the file is too large; `ID` defaults to `linux` as the manual specifies.
    public static func parse(_ bytes: [UInt8]) -> OSRelease? {
        guard bytes.count <= maximumFileSize else { return nil }
        var values: [String: String] = [:]
        let text = String(decoding: bytes, as: UTF8.self)
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = OSDBText.trimmed(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            guard !line.isEmpty, !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                continue
            }
            values[key] = unquote(line[line.index(after: equals)...])
        }
        guard !values.isEmpty else { return nil }
        let id = nonEmpty(values["ID"])?.lowercased() ?? "linux"
        return OSRelease(
            id: id, versionID: nonEmpty(values["VERSION_ID"]), codename: nonEmpty(values["VERSION_CODENAME"]),
            prettyName: nonEmpty(values["PRETTY_NAME"]),
            idLike: (values["ID_LIKE"] ?? "").split(separator: " ").map { $0.lowercased() })
    }

    /// `/etc/debian_version`: `12.5` → Debian `12`; `bookworm/sid` → Debian, codename `bookworm`.
    public static func parseDebianVersion(_ bytes: [UInt8]) -> OSRelease? {
        guard bytes.count <= maximumFileSize else { return nil }
        let text = OSDBText.trimmed(String(decoding: bytes, as: UTF8.self).split(separator: "\n").first ?? "")
        guard !text.isEmpty else { return nil }
        if let first = text.first, first.isASCII, first.isNumber {
            guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
            let major = text.split(separator: ".").first.map(String.init) ?? text
            return OSRelease(id: "debian", versionID: major, prettyName: "Debian GNU/Linux \(text)")
        }
        let codename = text.split(separator: "/").first.map(String.init) ?? text
        guard codename.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return OSRelease(id: "debian", codename: codename.lowercased(), prettyName: "Debian GNU/Linux \(text)")
    }

    /// `/etc/alpine-release`: `3.19.1`.
    public static func parseAlpineRelease(_ bytes: [UInt8]) -> OSRelease? {
        guard bytes.count <= maximumFileSize else { return nil }
        let text = OSDBText.trimmed(String(decoding: bytes, as: UTF8.self).split(separator: "\n").first ?? "")
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0.isLetter || $0 == "_") })
        else { return nil }
        return OSRelease(id: "alpine", versionID: text, prettyName: "Alpine Linux v\(text)")
    }

    /// Shell-style value: `"a \"b\""`, `'a b'`, or a bare word (a trailing comment after a bare
    /// word is not part of it).
    static func unquote(_ raw: Substring) -> String {
        let value = OSDBText.trimmed(raw)
        guard let quote = value.first, quote == "\"" || quote == "'" else {
            return value.split(separator: " #", maxSplits: 1).first.map(String.init) ?? value
        }
        var result = ""
        var index = value.index(after: value.startIndex)
        while index < value.endIndex {
            let character = value[index]
            if character == quote { break }
            if quote == "\"" && character == "\\" {
                let next = value.index(after: index)
                if next < value.endIndex, "$\"\\`".contains(value[next]) {
                    result.append(value[next])
                    index = value.index(after: next)
                    continue
                }
            }
            result.append(character)
            index = value.index(after: index)
        }
        return result
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
