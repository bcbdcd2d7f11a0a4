/// Finds heredoc markers (`<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`) in an instruction's arguments.
///
/// Like BuildKit, a marker must start a word; `<<<` (a here-string) and markers inside quotes
/// are not heredocs. Names are limited to letters, digits, `_`, `-` and `.` so that shell
/// arithmetic such as `$((1<<2))` is never mistaken for one.
enum HeredocMarkers {
    struct Marker: Equatable {
        var name: String
        var stripsTabs: Bool
        var quoted: Bool
    }

    static func find(in bytes: [UInt8]) -> [Marker] {
        var markers: [Marker] = []
        var quote: UInt8 = 0
        var i = 0
        var atWordStart = true
        while i < bytes.count {
            let b = bytes[i]
            if quote != 0 {
                if b == quote { quote = 0 } else if b == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { i += 1 }
                i += 1
                atWordStart = false
                continue
            }
            if DockerfileParser.isBlank(b) {
                atWordStart = true
                i += 1
                continue
            }
            if atWordStart, b == UInt8(ascii: "<"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<"),
                let (marker, next) = marker(in: bytes, at: i + 2)
            {
                markers.append(marker)
                i = next
                atWordStart = false
                continue
            }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b }
            atWordStart = false
            i += 1
        }
        return markers
    }

    private static func marker(in bytes: [UInt8], at start: Int) -> (Marker, Int)? {
        var i = start
        var stripsTabs = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
            stripsTabs = true
            i += 1
        }
        var quote: UInt8 = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
            quote = bytes[i]
            i += 1
        }
        let nameStart = i
        while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
        guard i > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
        if quote != 0 {
            guard i < bytes.count, bytes[i] == quote else { return nil }
            i += 1
        }
        return (Marker(name: name, stripsTabs: stripsTabs, quoted: quote != 0), i)
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
            || b == 0x2D || b == 0x2E
    }
}
