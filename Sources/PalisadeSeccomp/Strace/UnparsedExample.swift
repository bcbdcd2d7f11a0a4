/// Renders an unparsed line for reports: at most `limit` characters, printable ASCII as is and
/// every other byte (invalid UTF-8, NUL, control characters, non-ASCII) as `\xNN`, so binary
/// noise in a log cannot garble a terminal or a JSON report.
enum UnparsedExample {
    static func render(_ line: UnsafeRawBufferPointer, limit: Int = 120) -> String {
        var out = ""
        out.reserveCapacity(limit)
        var used = 0
        for byte in line {
            if byte >= 0x20 && byte < 0x7F {
                guard used + 1 <= limit else { break }
                out.unicodeScalars.append(Unicode.Scalar(byte))
                used += 1
            } else {
                guard used + 4 <= limit else { break }
                out += "\\x" + hex(byte >> 4) + hex(byte & 0xF)
                used += 4
            }
        }
        return out
    }

    private static func hex(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? nibble + 48 : nibble + 87))
    }
}
