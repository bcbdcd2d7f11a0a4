/// The status and headers of the last response in a transfer (redirect hops reset it).
///
/// Header names are lowercased; repeated headers are joined with ", " as RFC 9110 allows,
/// which is how GCS's two `x-goog-hash` lines (crc32c, md5) become one list.
struct ResponseHead {
    private(set) var status = 0
    private(set) var fields: [String: String] = [:]
    private var lineCount = 0

    /// Caps against a hostile server sending endless headers.
    private static let maxLines = 512
    private static let maxLineBytes = 16 * 1024

    subscript(name: String) -> String? { fields[name] }

    /// Takes one raw header line as libcurl delivers it (status line, field, or the blank terminator).
    /// Returns false when the response exceeds the caps.
    mutating func consume(line bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= Self.maxLineBytes else { return false }
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        if end == 0 { return true }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            status = Self.statusCode(line)
            fields = [:]
            lineCount = 0
            return true
        }
        lineCount += 1
        guard lineCount <= Self.maxLines else { return false }
        guard let colon = line.firstIndex(of: ":") else { return true }
        let name = line[..<colon].trimmingSpaces().lowercased()
        let value = line[line.index(after: colon)...].trimmingSpaces()
        if let existing = fields[name] {
            fields[name] = existing + ", " + value
        } else {
            fields[name] = value
        }
        return true
    }

    private static func statusCode(_ line: String) -> Int {
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let code = Int(parts[1]), (100...999).contains(code) else { return 0 }
        return code
    }

    /// The base64 MD5 the server declares: `x-goog-hash: md5=...` (GCS) or `Content-MD5`.
    var declaredMD5Base64: String? {
        if let list = fields["x-goog-hash"] {
            for item in list.split(separator: ",") {
                let token = item.trimmingSpaces()
                if token.hasPrefix("md5=") { return String(token.dropFirst(4)) }
            }
        }
        return fields["content-md5"]
    }

    /// `Content-Range: bytes START-END/TOTAL` → (start, total); total is nil for `*`.
    var contentRange: (start: Int64, total: Int64?)? {
        guard let value = fields["content-range"], value.hasPrefix("bytes ") else { return nil }
        let spec = value.dropFirst(6)
        guard let dash = spec.firstIndex(of: "-"), let start = Int64(spec[..<dash]) else { return nil }
        guard let slash = spec.firstIndex(of: "/") else { return nil }
        return (start, Int64(spec[spec.index(after: slash)...]))
    }

    var contentLength: Int64? { fields["content-length"].flatMap { Int64($0) } }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
