/// Bytes to `String` for text that should be UTF-8 but may be anything. The standard library's repairing
/// `String(decoding:as:)` costs about 10 µs per invalid byte, so a hostile megabyte would take seconds; valid
/// UTF-8 is decoded as is, and anything else has every non-ASCII byte replaced by `?` (the ASCII keys and
/// separators the parsers look for survive, garbage stays garbage).
enum ByteText {
    static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        let ascii = bytes.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }
        return String(decoding: ascii, as: UTF8.self)
    }

    static func decode(_ bytes: some Collection<UInt8>) -> String {
        let contiguous = Array(bytes)
        return contiguous.withUnsafeBytes { decode($0) }
    }
}
