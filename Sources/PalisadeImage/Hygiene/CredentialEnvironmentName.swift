/// Whether a `config.Env` entry is a credential with a literal value. Names are split into `_`
/// words so `DB_PASSWORD` counts and `PASSWORDLESS_MODE` or `GPG_KEYS` (php images, Dockle's
/// CIS-DI-0010 false positive) do not; names ending in a non-secret qualifier (`_FILE`, `_PATH`,
/// `_URL`, `_VERSION`, `_SHA256`, …) and placeholder or reference values are skipped.
enum CredentialEnvironmentName {
    static let secretWords: Set<Substring> = [
        "PASSWORD", "PASSWD", "PASS", "PWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIAL", "CREDENTIALS", "PASSPHRASE",
    ]
    /// Words that make a following `KEY` a secret (`API_KEY`, `SECRET_ACCESS_KEY`, `PRIVATE_KEY`).
    static let keyQualifiers: Set<Substring> = [
        "API", "ACCESS", "SECRET", "PRIVATE", "AUTH", "ENCRYPTION", "SIGNING", "MASTER", "CLIENT", "APP",
    ]
    /// Last words that say the value is not the secret itself.
    static let harmlessSuffixes: Set<Substring> = [
        "FILE", "PATH", "DIR", "URL", "URI", "HOST", "PORT", "VERSION", "SHA", "SHA1", "SHA256", "SHA512", "MD5",
        "CHECKSUM", "HASH", "ID", "USER", "USERNAME", "NAME", "LENGTH", "ENABLED", "REQUIRED", "POLICY", "TYPE",
        "EXPIRY", "TTL", "HEADER", "FINGERPRINT", "KEYRING", "KEYSERVER", "ALGORITHM", "MIN", "MAX", "SIZE",
    ]

    static func isCredentialName(_ name: String) -> Bool {
        let words = name.uppercased().split(separator: "_")
        guard let last = words.last, !harmlessSuffixes.contains(last) else { return false }
        // `PWD` alone is the shell's working directory.
        if words.count == 1 && last == "PWD" { return false }
        for (i, word) in words.enumerated() {
            if secretWords.contains(word) { return true }
            if word == "KEY", i > 0, keyQualifiers.contains(words[i - 1]) { return true }
            if word.hasSuffix("APIKEY") || word.hasSuffix("PASSWORD") || word.hasSuffix("SECRET") { return true }
        }
        return false
    }

    static let placeholders: Set<String> = [
        "", "changeme", "change-me", "change_me", "password", "secret", "none", "null", "nil", "true", "false", "xxx",
        "todo", "tbd", "dummy", "example", "placeholder", "<none>", "redacted", "***",
    ]

    /// Whether `value` is a literal worth reporting: not empty, a placeholder, a reference
    /// (`$VAR`, `${VAR}`), or a path.
    static func isLiteralValue(_ value: String) -> Bool {
        let v = String(Substring(value).trimmingSpaces)
        if placeholders.contains(v.lowercased()) { return false }
        if v.hasPrefix("$") || v.hasPrefix("/") || v.hasPrefix("<") { return false }
        if v.allSatisfy({ $0 == "*" || $0 == "x" || $0 == "X" }) { return false }
        return v.count >= 4
    }

    /// `ab…` plus the length: enough to recognise, never the value.
    static func redacted(_ value: String) -> String {
        let shown = value.count >= 12 ? String(value.prefix(2)) : ""
        return
            "\(shown)\(String(repeating: "*", count: min(8, max(4, value.count - shown.count)))) (\(value.count) characters)"
    }
}
