/// Installed Python distributions: `*.dist-info/METADATA` (wheels, pip), `*.egg-info/PKG-INFO` (setuptools
/// directories) and `*.egg-info` files (distutils/old setuptools write PKG-INFO content straight to a file).
/// All three are RFC 822-style core metadata (https://packaging.python.org/specifications/core-metadata/).
public struct PythonPackageCataloger: PackageCataloger {
    public let id = "python"
    /// METADATA embeds the long description (often the README); a few MiB is generous.
    public static let maxFileSize = 8 << 20

    public init() {}

    public func wants(path: String, size: Int, isExecutable: Bool) -> Bool {
        guard size <= Self.maxFileSize else { return false }
        return PathTest.hasSuffix(path, ".dist-info/METADATA") || PathTest.hasSuffix(path, ".egg-info/PKG-INFO")
            || PathTest.hasSuffix(path, ".egg-info")
    }

    public func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        let headers = CoreMetadataHeaders(contents)
        guard let name = headers.first("Name"), let version = headers.first("Version") else {
            throw CatalogError(path: path, reason: "core metadata without Name and Version")
        }
        let normalised = Self.normalise(name)
        return [
            Package(
                ecosystem: .pypi, name: name, version: version,
                purl: LanguagePurl.make(type: .pypi, name: normalised, version: version),
                licenses: Self.licenses(headers), foundIn: path)
        ]
    }

    /// PEP 503 name normalisation: lower case, runs of `-`, `_` and `.` become one `-`.
    static func normalise(_ name: String) -> String {
        var out: [UInt8] = []
        var inRun = false
        for byte in name.utf8 {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
                if !inRun { out.append(UInt8(ascii: "-")) }
                inRun = true
            } else {
                inRun = false
                out.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `License-Expression` (PEP 639) wins; then a short one-line `License` (many projects paste the whole licence
    /// text there, which is not an identifier); then the last part of `Classifier: License :: …` trove entries.
    static func licenses(_ headers: CoreMetadataHeaders) -> [String] {
        if let expression = headers.first("License-Expression") { return [expression] }
        if let license = headers.first("License"), license != "UNKNOWN", license.utf8.count <= 80,
            !license.contains("\n")
        {
            return [license]
        }
        var fromClassifiers: [String] = []
        for classifier in headers.all("Classifier") where classifier.hasPrefix("License ::") {
            let parts = classifier.split(separator: "::").map { $0.trimmingSpaces() }
            if let last = parts.last, !last.isEmpty, last != "OSI Approved", !fromClassifiers.contains(last) {
                fromClassifiers.append(last)
            }
        }
        return fromClassifiers
    }
}

/// The header block of a core metadata file: `Key: value` lines up to the first blank line, with indented
/// continuation lines appended (joined by a newline) to the previous value.
struct CoreMetadataHeaders {
    private(set) var fields: [(key: String, value: String)] = []
    /// Headers past this many are ignored; real files have a few dozen.
    static let maxFields = 10_000

    init(_ bytes: UnsafeRawBufferPointer) {
        var lineStart = 0
        var index = 0
        let count = bytes.count
        while lineStart < count && fields.count < Self.maxFields {
            index = lineStart
            while index < count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            var lineEnd = index
            if lineEnd > lineStart && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            if lineEnd == lineStart { break }  // blank line: the body starts
            let first = bytes[lineStart]
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                if !fields.isEmpty {
                    let more = ByteSearch.string(bytes, lineStart..<lineEnd).trimmingSpaces()
                    fields[fields.count - 1].value += "\n" + more
                }
            } else if let colon = (lineStart..<lineEnd).first(where: { bytes[$0] == UInt8(ascii: ":") }) {
                let key = ByteSearch.string(bytes, lineStart..<colon).trimmingSpaces()
                let value = ByteSearch.string(bytes, (colon + 1)..<lineEnd).trimmingSpaces()
                fields.append((key, value))
            }
            lineStart = index + 1
        }
    }

    /// The first non-empty value of `key` (case-insensitive, as RFC 822 headers are).
    func first(_ key: String) -> String? {
        let wanted = key.lowercased()
        for field in fields where field.key.lowercased() == wanted && !field.value.isEmpty { return field.value }
        return nil
    }

    func all(_ key: String) -> [String] {
        let wanted = key.lowercased()
        return fields.filter { $0.key.lowercased() == wanted }.map(\.value)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line ends (no Foundation needed).
    func trimmingSpaces() -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
        let bytes = Array(utf8)
        guard let start = bytes.firstIndex(where: { !isSpace($0) }),
            let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }
}
