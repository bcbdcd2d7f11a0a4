/// Masks secret values for evidence. Policy: values of 20+ bytes keep their first and last 4
/// characters, 12–19 bytes keep 2 and 2, shorter values are fully masked; the mask has a fixed
/// width so it does not reveal the length. Private keys are shown only by their armour line.
enum Redaction {
    static let mask16 = String(repeating: "*", count: 16)
    static let mask8 = String(repeating: "*", count: 8)

    /// The masked form of a secret value.
    static func mask(_ value: UnsafeRawBufferPointer) -> String {
        let n = value.count
        let keep = n >= 20 ? 4 : n >= 12 ? 2 : 0
        guard keep > 0 else { return mask8 }
        let head = printable(UnsafeRawBufferPointer(rebasing: value[0..<keep]))
        let tail = printable(UnsafeRawBufferPointer(rebasing: value[(n - keep)..<n]))
        return head + mask16 + tail
    }

    /// Evidence: the matched text with the secret replaced by its mask, trimmed to a readable length.
    static func evidence(
        match: UnsafeRawBufferPointer, secretStart: Int, secretEnd: Int, style: EvidenceStyle
    ) -> String {
        let secret = UnsafeRawBufferPointer(rebasing: match[secretStart..<secretEnd])
        switch style {
        case .headerLine:
            // Up to the end of the armour line, and never past its closing dashes: in binaries and
            // one-line strings the key body follows the header with no line break.
            var end = 0
            var dashes = 0
            while end < secret.count, secret[end] != 0x0A, secret[end] != 0x0D, secret[end] != 0x5C {
                dashes = secret[end] == 0x2D ? dashes + 1 : 0
                end += 1
                if dashes == 5 && end > 5 { break }
            }
            let header = printable(UnsafeRawBufferPointer(rebasing: secret[0..<min(end, 80)]))
            return header + " (key body not shown)"
        case .maskedValue:
            let beforeStart = max(0, secretStart - 60)
            let before = printable(UnsafeRawBufferPointer(rebasing: match[beforeStart..<secretStart]))
            let afterEnd = min(match.count, secretEnd + 40)
            let after = printable(UnsafeRawBufferPointer(rebasing: match[secretEnd..<afterEnd]))
            return (beforeStart > 0 ? "…" : "") + before + mask(secret) + after + (afterEnd < match.count ? "…" : "")
        }
    }

    /// ASCII-printable rendering: other bytes become `?`, so binary data never reaches a report.
    static func printable(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes.map { $0 >= 0x20 && $0 < 0x7F ? $0 : 0x3F }, as: UTF8.self)
    }
}
