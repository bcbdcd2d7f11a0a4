/// Reads deb822 control data (dpkg's `status`, distroless `status.d/*`): stanzas of
/// `Field: value` lines separated by blank lines, continuation lines starting with a space or
/// tab. Only the first line of the requested fields is kept (the fields a cataloger needs are
/// all single-line); everything else is skipped without allocating.
struct DebianControlParser {
    /// One paragraph. `isMalformed` is set when a line is neither a field, a continuation nor a
    /// comment (garbage, or a file cut mid-line): the cataloger skips such a stanza.
    struct Stanza {
        var fields: [String: String] = [:]
        var isMalformed = false
    }

    /// Lower-case field names to keep, as bytes (`package`, `version`, …).
    let wanted: [(name: String, bytes: [UInt8])]
    /// Cap on stanzas, so a hostile file cannot make us allocate without bound.
    let maximumStanzas: Int

    init(fields: [String], maximumStanzas: Int = 500_000) {
        wanted = fields.map { ($0, Array($0.lowercased().utf8)) }
        self.maximumStanzas = maximumStanzas
    }

    func stanzas(in bytes: UnsafeRawBufferPointer) -> [Stanza] {
        var result: [Stanza] = []
        var current = Stanza()
        var hasContent = false
        for line in OSDBLines(bytes) {
            if OSDBText.isBlank(bytes, line) {
                if hasContent {
                    result.append(current)
                    if result.count >= maximumStanzas { return result }
                }
                current = Stanza()
                hasContent = false
                continue
            }
            hasContent = true
            let first = bytes[line.lowerBound]
            if OSDBText.isSpace(first) || first == UInt8(ascii: "#") { continue }
            guard let colon = line.first(where: { bytes[$0] == UInt8(ascii: ":") }), colon > line.lowerBound else {
                current.isMalformed = true
                continue
            }
            let nameRange = line.lowerBound..<colon
            for field in wanted where OSDBText.equalsIgnoringCase(bytes, nameRange, field.bytes) {
                current.fields[field.name] = OSDBText.trimmedString(bytes, (colon + 1)..<line.upperBound)
            }
        }
        if hasContent { result.append(current) }
        return result
    }
}
