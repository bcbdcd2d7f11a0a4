/// Byte-level recogniser for the grammar of `packaging.version.VERSION_PATTERN`, case-insensitive,
/// with surrounding ASCII whitespace ignored. Each optional part is tried at the current position and
/// leaves the position untouched when it does not match, as the pattern's optional groups do.
struct PEP440Parser {
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int

    /// Longest version text considered; real versions are far shorter.
    static let maximumLength = 256

    init(bytes: [UInt8]) {
        var start = 0
        var end = bytes.count
        while start < end, Self.isSpace(bytes[start]) { start += 1 }
        while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 }
        self.bytes = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        self.position = start
        self.end = end
    }

    mutating func parse() -> PEP440Version? {
        guard end - position <= Self.maximumLength else { return nil }
        if position < end, bytes[position] == UInt8(ascii: "v") { position += 1 }
        var epoch: UInt64 = 0
        let saved = position
        if let number = readNumber(), position < end, bytes[position] == UInt8(ascii: "!") {
            epoch = number
            position += 1
        } else {
            position = saved
        }
        guard let release = readRelease() else { return nil }
        var version = PEP440Version(
            epoch: epoch, release: release, preRelease: nil, postRelease: nil, devRelease: nil, local: nil)
        version.preRelease = readPreRelease()
        version.postRelease = readPostRelease()
        version.devRelease = readLabelled(["dev"]).map { $0.number }
        if position < end, bytes[position] == UInt8(ascii: "+") {
            position += 1
            guard let local = readLocal() else { return nil }
            version.local = local
        }
        return position == end ? version : nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    /// Reads a run of digits; nil when there is none or it overflows 64 bits.
    private mutating func readNumber() -> UInt64? {
        let start = position
        var value: UInt64 = 0
        while position < end, Self.isDigit(bytes[position]) {
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(UInt64(bytes[position] - 0x30))
            guard !overflowTimes, !overflowSum else {
                position = start
                return nil
            }
            value = sum
            position += 1
        }
        if position == start { return nil }
        return value
    }

    private mutating func readRelease() -> [UInt64]? {
        guard let first = readNumber() else { return nil }
        var parts = [first]
        while position + 1 < end, bytes[position] == UInt8(ascii: "."), Self.isDigit(bytes[position + 1]) {
            position += 1
            guard let next = readNumber() else { return nil }
            parts.append(next)
        }
        return parts
    }

    /// Matches `[-_.]?label[-_.]?[0-9]*` for the first label (in the given order) that fits;
    /// the number defaults to 0.
    private mutating func readLabelled(_ labels: [String]) -> (label: String, number: UInt64)? {
        let saved = position
        if position < end, Self.isSeparator(bytes[position]) { position += 1 }
        for label in labels where hasPrefix(label) {
            position += label.utf8.count
            let afterLabel = position
            if position < end, Self.isSeparator(bytes[position]) { position += 1 }
            if let number = readNumber() { return (label, number) }
            position = afterLabel
            if position < end, Self.isDigit(bytes[position]) { break }  // overflowed number
            return (label, 0)
        }
        position = saved
        return nil
    }

    private func hasPrefix(_ label: String) -> Bool {
        var index = position
        for byte in label.utf8 {
            guard index < end, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    private mutating func readPreRelease() -> (phase: PEP440Version.PreReleasePhase, number: UInt64)? {
        guard let found = readLabelled(["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"]) else { return nil }
        switch found.label {
        case "alpha", "a": return (.alpha, found.number)
        case "beta", "b": return (.beta, found.number)
        default: return (.releaseCandidate, found.number)
        }
    }

    private mutating func readPostRelease() -> UInt64? {
        if position + 1 < end, bytes[position] == UInt8(ascii: "-"), Self.isDigit(bytes[position + 1]) {
            let saved = position
            position += 1
            if let number = readNumber() { return number }
            position = saved
            return nil
        }
        return readLabelled(["post", "rev", "r"]).map { $0.number }
    }

    /// `[a-z0-9]+([-_.][a-z0-9]+)*`, separators normalised to dots.
    private mutating func readLocal() -> [PEP440Version.LocalSegment]? {
        var segments: [PEP440Version.LocalSegment] = []
        while true {
            let start = position
            var allDigits = true
            while position < end {
                let byte = bytes[position]
                if byte >= 0x61 && byte <= 0x7A {
                    allDigits = false
                } else if !Self.isDigit(byte) {
                    break
                }
                position += 1
            }
            guard position > start else { return nil }
            let slice = bytes[start..<position]
            if allDigits, slice.count <= 19, let number = UInt64(String(decoding: slice, as: UTF8.self)) {
                segments.append(.number(number))
            } else if allDigits {
                return nil
            } else {
                segments.append(.text(String(decoding: slice, as: UTF8.self)))
            }
            guard position < end, Self.isSeparator(bytes[position]) else { return segments }
            position += 1
        }
    }
}
