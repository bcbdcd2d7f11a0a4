import PalisadeCore

/// Plain-text layout for terminals: control-character stripping (so text from a manifest can never
/// move the cursor or change colours) and word wrapping to a fixed width.
enum TerminalText {
    /// Drops C0/C1 control characters and DEL; tabs and newlines become spaces.
    static func sanitize(_ s: String) -> String {
        // Fast path: printable ASCII needs no change (nearly every field of a manifest).
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00..<0x20, 0x7F..<0xA0: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Wraps `text` at spaces into lines of at most `width` characters (a word longer than the
    /// width gets a line of its own), every line prefixed with `indent` spaces.
    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let room = max(20, width - indent)
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return wrapASCII(text, room: room, pad: pad) }
        var lines: [String] = []
        var current = ""
        var currentCount = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let count = word.count
            if currentCount > 0 && currentCount + 1 + count > room {
                lines.append(pad + current)
                current = ""
                currentCount = 0
            }
            if currentCount > 0 {
                current.append(" ")
                currentCount += 1
            }
            current.append(contentsOf: word)
            currentCount += count
        }
        if currentCount > 0 || lines.isEmpty { lines.append(pad + current) }
        return lines
    }
}

extension TerminalText {
    /// `wrap` for ASCII text, on bytes: one byte is one column.
    fileprivate static func wrapASCII(_ text: String, room: Int, pad: String) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        for word in text.utf8.split(separator: 0x20, omittingEmptySubsequences: true) {
            if !current.isEmpty && current.count + 1 + word.count > room {
                lines.append(pad + String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
            if !current.isEmpty { current.append(0x20) }
            current.append(contentsOf: word)
        }
        if !current.isEmpty || lines.isEmpty { lines.append(pad + String(decoding: current, as: UTF8.self)) }
        return lines
    }
}

/// ANSI SGR styling, applied only when the report style asks for colour.
struct ANSIStyle {
    let enabled: Bool

    func severity(_ text: String, _ severity: Severity) -> String {
        switch severity {
        case .critical: apply("1;31", text)
        case .high: apply("31", text)
        case .medium: apply("33", text)
        case .low: apply("34", text)
        case .info: apply("2", text)
        }
    }

    func bold(_ text: String) -> String { apply("1", text) }
    func dim(_ text: String) -> String { apply("2", text) }

    private func apply(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
