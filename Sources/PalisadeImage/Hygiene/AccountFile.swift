/// A colon-separated account database (/etc/passwd, /etc/shadow, /etc/group, /etc/gshadow), parsed
/// into entries with their 1-based line numbers. Comments, blank lines and NIS `+`/`-` lines are
/// skipped; at most `maximumEntries` entries are read.
struct AccountFile: Sendable {
    struct Entry: Sendable, Hashable {
        var line: Int
        var fields: [String]

        var name: String { fields[0] }
        func field(_ i: Int) -> String? { i < fields.count ? fields[i] : nil }
    }

    static let maximumEntries = 100_000
    var entries: [Entry]

    init(_ bytes: [UInt8]) {
        var entries: [Entry] = []
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if entries.count >= Self.maximumEntries { break }
            var text = line
            if text.last == 0x0D { text = text.dropLast() }
            guard let first = text.first, first != UInt8(ascii: "#"), first != UInt8(ascii: "+"),
                first != UInt8(ascii: "-")
            else { continue }
            let fields = text.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false).prefix(16)
                .map { String(decoding: $0, as: UTF8.self) }
            guard !fields[0].isEmpty else { continue }
            entries.append(Entry(line: lineNumber, fields: fields))
        }
        self.entries = entries
    }

    /// UID of `name` in a passwd file.
    func uid(ofUser name: String) -> Int? {
        entries.first { $0.name == name }.flatMap { $0.field(2).flatMap { Int($0) } }
    }
}
