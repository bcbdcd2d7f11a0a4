import PalisadeCore

/// Rules over the account databases and sudoers, read from `ImageFacts.contents` (merged view).
struct AccountChecks {
    let facts: ImageFacts
    let locate: FindingLocator
    let scan: FileSystemScan

    func run() -> [Finding] {
        var out: [Finding] = []
        if let shadow = file("/etc/shadow") { out += passwords(shadow, path: "/etc/shadow") }
        if let passwd = file("/etc/passwd") {
            out += passwords(passwd, path: "/etc/passwd")
            out += duplicates(passwd, path: "/etc/passwd", noun: "UID")
        }
        if let group = file("/etc/group") { out += duplicates(group, path: "/etc/group", noun: "GID") }
        for path in facts.contents.keys.sorted() where path == "/etc/sudoers" || path.hasPrefix("/etc/sudoers.d/") {
            out += sudoers(path)
        }
        return out
    }

    func file(_ path: String) -> AccountFile? {
        facts.contents[path].map(AccountFile.init)
    }

    func location(_ path: String, line: Int) -> Location {
        if let record = scan.accountFiles[path] { return locate.file(facts.files[record], line: line) }
        return Location(file: facts.reference, line: line, column: 0, path: path, presence: .present)
    }

    /// The crypt(3) scheme of a hash, for evidence that never shows the hash itself.
    static func scheme(_ hash: Substring) -> String {
        if hash.hasPrefix("$1$") { return "MD5-crypt" }
        if hash.hasPrefix("$2") { return "bcrypt" }
        if hash.hasPrefix("$5$") { return "SHA-256-crypt" }
        if hash.hasPrefix("$6$") { return "SHA-512-crypt" }
        if hash.hasPrefix("$y$") { return "yescrypt" }
        if hash.hasPrefix("$7$") { return "scrypt" }
        if hash.hasPrefix("$") { return "crypt" }
        return "DES-crypt"
    }

    func passwords(_ file: AccountFile, path: String) -> [Finding] {
        var out: [Finding] = []
        for entry in file.entries {
            guard let field = entry.field(1) else { continue }
            if field.isEmpty {
                out.append(
                    Finding(
                        rule: ImageHygieneRules.emptyPassword,
                        message: "\(path) line \(entry.line): account \"\(entry.name)\" has an empty password.",
                        object: nil, location: location(path, line: entry.line)))
                continue
            }
            let locked = field.hasPrefix("!") || field.hasPrefix("*")
            let hash = field.drop { $0 == "!" || $0 == "*" }
            // 13 characters is the shortest real hash (DES-crypt); `x`, `*`, `!!`, `*LK*` are not hashes.
            guard hash.count >= 13, hash.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { continue }
            let state = locked ? " (account locked, hash still shipped)" : ""
            out.append(
                Finding(
                    rule: ImageHygieneRules.shadowHashes,
                    message: "\(path) line \(entry.line): account \"\(entry.name)\" has a password hash\(state).",
                    object: nil, location: location(path, line: entry.line),
                    evidence: "\(entry.name): \(Self.scheme(hash)) hash"))
        }
        return out
    }

    func duplicates(_ file: AccountFile, path: String, noun: String) -> [Finding] {
        var firstOwner: [Int: String] = [:]
        var out: [Finding] = []
        for entry in file.entries {
            guard let id = entry.field(2).flatMap({ Int($0) }) else { continue }
            if let owner = firstOwner[id] {
                let extra = noun == "UID" && id == 0 ? " (a second root account)" : ""
                out.append(
                    Finding(
                        rule: ImageHygieneRules.duplicateID,
                        message: "\(path) line \(entry.line): \"\(entry.name)\" has \(noun) \(id), "
                            + "already used by \"\(owner)\"\(extra).",
                        object: nil, location: location(path, line: entry.line)))
            } else {
                firstOwner[id] = entry.name
            }
        }
        return out
    }

    func sudoers(_ path: String) -> [Finding] {
        guard let bytes = facts.contents[path] else { return [] }
        var out: [Finding] = []
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let text = Substring(String(decoding: line.prefix(4096), as: UTF8.self)).trimmingSpaces
            guard !text.hasPrefix("#"), !text.hasPrefix("Defaults"), text.contains("NOPASSWD") else { continue }
            let who = text.split(separator: " ").first.map(String.init) ?? "?"
            out.append(
                Finding(
                    rule: ImageHygieneRules.sudo,
                    message:
                        "\(path) line \(lineNumber) lets \(who) run commands as root without a password (NOPASSWD).",
                    object: nil, location: location(path, line: lineNumber)))
        }
        return out
    }
}
