/// Key names that hold configuration *about* a secret rather than the secret:
/// `PASSWORD_FILE=/run/secrets/db`, `token_url`, `API_KEY_ID`, `SECRET_NAME`, `min_password_length`.
/// Applied to the part of the key after the keyword (e.g. `_FILE` of `DB_PASSWORD_FILE`).
enum KeyNameFilter {
    private static let markers: [[UInt8]] = [
        "file", "path", "dir", "len", "_min", "min_", "minimum", "max", "policy", "field", "name", "type", "prompt",
        "label", "hint",
        "url", "uri", "regex", "pattern", "format", "expir", "public", "publishable", "header", "prefix", "mode",
        "enable", "ttl", "timeout", "algorithm", "user", "host", "port", "count", "size", "version", "endpoint",
        "location", "param", "method", "scope", "keyref", "template", "placeholder", "description", "source",
        "provider", "store", "env", "var",
    ].map { Array($0.utf8) }

    static func isNonSecretKey(_ key: UnsafeRawBufferPointer) -> Bool {
        let lower = key.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        if lower.count >= 2 && lower.suffix(2) == [0x69, 0x64] { return true }  // "...id"
        return markers.contains { PlaceholderFilter.contains(lower, $0) }
    }
}
