/// Rejects values that are documentation examples, template variables, code references or
/// words rather than secrets. All checks work on the value's bytes.
enum PlaceholderFilter {
    /// Substrings (lower-cased) that mark an example value in any rule.
    private static let exampleMarkers: [[UInt8]] = ["example", "xxxxx"].map { Array($0.utf8) }

    /// Substrings (lower-cased) that mark a placeholder or decoy in keyword rules.
    private static let strictMarkers: [[UInt8]] = [
        "example", "xxxx", "****", "....", "changeme", "change_me", "change-me", "changeit", "placeholder",
        "your_", "your-", "yourpass", "yourtoken", "yoursecret", "redacted", "dummy", "sample", "fake", "${",
        "{{", "}}", "$(", "%s", "%(", "%d", "password", "passwd", "secret", "token", "test", "foobar", "lorem",
        "insert", "replace", "undefined", "<", ">", "env(", "getenv", "environ", "process.env", "://",
    ].map { Array($0.utf8) }

    /// Whole values (lower-cased) that are never secrets.
    private static let strictWords: Set<[UInt8]> = Set(
        [
            "null", "none", "nil", "true", "false", "pass", "admin", "root", "user", "guest", "default", "string",
            "required", "optional", "empty", "hidden", "masked", "unset", "1234", "12345", "123456", "1234567",
            "12345678", "123456789", "1234567890", "qwerty", "abc123", "abcdef", "letmein", "hunter2",
        ].map { Array($0.utf8) })

    /// Whether `value` is a placeholder under `policy`.
    static func isPlaceholder(_ value: UnsafeRawBufferPointer, policy: PlaceholderPolicy) -> Bool {
        let lower = value.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        if allSame(lower) { return true }
        switch policy {
        case .light:
            return exampleMarkers.contains { contains(lower, $0) }
        case .strict:
            if strictWords.contains(lower) { return true }
            if strictMarkers.contains(where: { contains(lower, $0) }) { return true }
            if let first = lower.first, Self.referenceStarts.contains(first) { return true }
            if lower.last == 0x2E || lower.last == 0x3A { return true }  // "value." "value:" (prose)
            if isDottedReference(value) { return true }
            if isSequential(lower) { return true }
            return false
        }
    }

    /// Values that start like a variable, path, option or reference: `$X`, `%X%`, `/run/x`, `./f`, `~/x`, `@x`, `-x`, `&x`.
    private static let referenceStarts: Set<UInt8> = Set("$%/.~@&-*!".utf8)

    /// Identifier-only values in unquoted code positions: `password = user_password`.
    static func isIdentifier(_ value: UnsafeRawBufferPointer) -> Bool {
        guard let first = value.first, !isDigit(first) else { return false }
        return value.allSatisfy { isLetter($0) || $0 == 0x5F || $0 == 0x2D || $0 == 0x2E }
    }

    /// `self.password`, `config.db.secret_key`, `os.environ`: dotted references to code.
    static func isDottedReference(_ value: UnsafeRawBufferPointer) -> Bool {
        var sawDot = false
        var segmentStart = true
        for b in value {
            if b == 0x2E {
                if segmentStart { return false }
                sawDot = true
                segmentStart = true
            } else if isLetter(b) || b == 0x5F || (!segmentStart && isDigit(b)) {
                segmentStart = false
            } else {
                return false
            }
        }
        return sawDot && !segmentStart
    }

    private static func allSame(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return true }
        return bytes.allSatisfy { $0 == first }
    }

    /// `abcdefgh`, `12345678`, `87654321`: runs a keyboard or a tutorial produces.
    private static func isSequential(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        var up = true
        var down = true
        for i in 1..<bytes.count {
            if bytes[i] != bytes[i - 1] &+ 1 { up = false }
            if bytes[i] != bytes[i - 1] &- 1 { down = false }
        }
        return up || down
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return needle.isEmpty }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
