/// Decides whether an environment-variable or flag name says it carries a credential
/// (`DB_PASSWORD`, `githubToken`, `api-key`), by byte scanning: no regular expressions on the hot path.
enum CredentialName {
    /// Substrings that mark a credential, in the normalised form (upper case, `-`/`.` as `_`).
    static let markers: [[UInt8]] = [
        "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "API_KEY", "APIKEY", "ACCESS_KEY", "ACCESSKEY",
        "PRIVATE_KEY", "PRIVATEKEY", "CREDENTIAL", "AUTH_KEY", "SIGNING_KEY", "ENCRYPTION_KEY", "MASTER_KEY",
    ].map { Array($0.utf8) }

    /// Whole names or suffixes that are credentials on their own (`DB_PASS`, `MYSQL_PWD`); `PWD` alone is the
    /// shell's working directory and is not one.
    static let suffixes: [[UInt8]] = ["_PASS", "_PWD"].map { Array($0.utf8) }

    /// Suffixes of names that talk about a credential without holding one (`SECRET_NAME`, `TOKEN_URL`,
    /// `AWS_ACCESS_KEY_ID`, `TOKEN_TTL`).
    static let nonSecretSuffixes: [[UInt8]] = [
        "_NAME", "_URL", "_URI", "_ENDPOINT", "_HOST", "_PORT", "_ID", "_TTL", "_EXPIRY", "_EXPIRATION",
        "_TIMEOUT", "_LIFETIME", "_DURATION", "_LENGTH", "_SIZE", "_HEADER", "_TYPE", "_ENABLED", "_MODE",
        "_ALGORITHM", "_ISSUER", "_AUDIENCE", "_SCOPE", "_SCOPES", "_VERSION", "_POLICY", "_REGION", "_KEY_REF",
        "_REF", "_PROVIDER", "_FORMAT",
    ].map { Array($0.utf8) }

    /// Suffixes of names whose value is where a credential lives, not the credential.
    static let fileSuffixes: [[UInt8]] = ["_FILE", "_PATH", "_DIR", "_LOCATION"].map { Array($0.utf8) }

    /// Upper-cases ASCII letters, inserts `_` at lower→upper camel-case boundaries, maps `-` and `.` to `_`.
    static func normalise(_ name: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count + 4)
        var previousLower = false
        for b in name.utf8 {
            let isUpper = b >= 0x41 && b <= 0x5A
            let isLower = b >= 0x61 && b <= 0x7A
            if isUpper && previousLower { out.append(UInt8(ascii: "_")) }
            previousLower = isLower || (b >= 0x30 && b <= 0x39)
            switch b {
            case UInt8(ascii: "-"), UInt8(ascii: "."): out.append(UInt8(ascii: "_"))
            default: out.append(isLower ? b - 0x20 : b)
            }
        }
        return out
    }

    enum Kind: Equatable {
        case none
        /// The name says it holds a credential.
        case credential
        /// The name says it holds the path of a credential file (`PASSWORD_FILE`).
        case credentialFile
    }

    static func classify(_ name: String) -> Kind {
        let n = normalise(name)
        let marked =
            markers.contains { contains(n, $0) } || suffixes.contains { hasSuffix(n, $0) } || n == Array("PASS".utf8)
        guard marked else { return .none }
        if fileSuffixes.contains(where: { hasSuffix(n, $0) }) { return .credentialFile }
        if nonSecretSuffixes.contains(where: { hasSuffix(n, $0) }) { return .none }
        return .credential
    }

    static func hasSuffix(_ s: [UInt8], _ suffix: [UInt8]) -> Bool {
        s.count >= suffix.count && s[(s.count - suffix.count)...].elementsEqual(suffix)
    }

    static func contains(_ s: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= s.count, let first = needle.first else { return false }
        var i = 0
        let last = s.count - needle.count
        while i <= last {
            if s[i] == first {
                var j = 1
                while j < needle.count && s[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// Decides whether a literal value is a real value rather than a reference, placeholder or flag.
enum LiteralValue {
    static let nonSecretWords: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "enabled", "disabled", "enable", "disable", "none", "null",
        "nil", "required", "optional", "changeme", "change_me", "change-me", "replaceme", "replace_me",
        "replace-me", "redacted", "placeholder", "todo", "tbd", "dummy", "secret", "password", "token", "unset",
        "default", "empty", "n/a",
    ]

    /// True when `value` could be an actual secret: not empty, not a `$(VAR)`/`${VAR}`/`{{ }}`/`<…>`
    /// reference or placeholder, not a boolean-like word, not a plain number, not one repeated character.
    static func isRealValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count >= 3 else { return false }
        let first = bytes[0]
        let last = bytes[bytes.count - 1]
        if first == UInt8(ascii: "$") && bytes.count > 1
            && (bytes[1] == UInt8(ascii: "(") || bytes[1] == UInt8(ascii: "{"))
            && (last == UInt8(ascii: ")") || last == UInt8(ascii: "}"))
        {
            return false
        }
        if first == UInt8(ascii: "{") && bytes[1] == UInt8(ascii: "{") { return false }
        if first == UInt8(ascii: "<") && last == UInt8(ascii: ">") { return false }
        if first == UInt8(ascii: "%") && last == UInt8(ascii: "%") { return false }
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return false }
        if bytes.allSatisfy({ $0 == first }) { return false }
        if bytes.count <= 12 && nonSecretWords.contains(value.lowercased()) { return false }
        return true
    }

    /// A value that is a file-system path (`/var/run/secrets/db/password`, `./creds.json`).
    static func isPath(_ value: String) -> Bool {
        value.hasPrefix("/") || value.hasPrefix("./") || value.hasPrefix("../") || value.hasPrefix("~/")
    }
}
