/// Reads `strace -c`/`-C` summary tables. Columns move with `-U` (and `-w`, `-S` change only
/// values and order), so the `calls` and `syscall` columns are found from the header, and their
/// extents from the `------` separator under it: numbers are right-aligned and names
/// left-aligned inside those extents. `System call usage summary for 32 bit mode:` (or
/// `x32 mode`) says which personality the next table counts.
struct StraceSummaryTable: Sendable {
    /// A data row: one syscall and its `calls` value.
    struct Row: Equatable {
        var name: Range<Int>
        var calls: Int
    }

    private enum State: Sendable {
        case idle
        case header(calls: Range<Int>, name: Range<Int>)
        case rows(calls: Range<Int>, name: Range<Int>)
        case total
    }

    private var state = State.idle
    /// The personality the current (or next) table counts.
    private(set) var personality = SyscallPersonality.native

    /// Whether a table is open, so lines must be offered to `continueTable` first.
    var isOpen: Bool {
        if case .idle = state { return false }
        return true
    }

    /// Starts a table at a header line or a personality heading; false when `line` is neither.
    mutating func begin(_ line: UnsafeRawBufferPointer) -> Bool {
        let tokens = Self.tokens(line)
        if tokens.isEmpty { return false }
        if StraceLine.hasPrefix(line, tokens[0].lowerBound, Ascii.summaryHeading) {
            let rest = tokens[0].lowerBound + Ascii.summaryHeading.utf8CodeUnitCount
            if StraceLine.hasPrefix(line, rest, Ascii.mode32) {
                personality = .compat32
            } else if StraceLine.hasPrefix(line, rest, Ascii.modeX32) {
                personality = .x32
            } else {
                personality = .native
            }
            return true
        }
        var calls: Range<Int>?
        var name: Range<Int>?
        for token in tokens {
            if Self.equals(line, token, "calls") { calls = token }
            if Self.equals(line, token, "syscall") { name = token }
        }
        guard let calls, let name else { return false }
        state = .header(calls: calls, name: name)
        return true
    }

    /// Offers a line to the open table: true when it was part of it (`row` is set for a data
    /// row). False closes the table, and the line is the caller's to classify.
    mutating func continueTable(_ line: UnsafeRawBufferPointer, row: inout Row?) -> Bool {
        row = nil
        switch state {
        case .idle:
            return false
        case .header(let callsHeader, let nameHeader):
            let columns = Self.separatorColumns(line)
            guard let calls = columns.first(where: { Self.overlaps($0, callsHeader) }),
                let name = columns.first(where: { Self.overlaps($0, nameHeader) })
            else {
                close()
                return false
            }
            state = .rows(calls: calls, name: name)
            return true
        case .rows(let callsColumn, let nameColumn):
            if !Self.separatorColumns(line).isEmpty {
                state = .total
                return true
            }
            var callsValue: Int?
            var nameToken: Range<Int>?
            for token in Self.tokens(line) {
                if callsValue == nil && Self.overlaps(token, callsColumn) {
                    guard token.allSatisfy({ Ascii.isDigit(line[$0]) }), token.count <= 18 else { break }
                    callsValue = StraceLine.parseInt(line, token.lowerBound, token.upperBound)
                } else if nameToken == nil && Self.overlaps(token, nameColumn) {
                    guard Ascii.isNameStart(line[token.lowerBound]),
                        token.allSatisfy({ Ascii.isNameByte(line[$0]) })
                    else { break }
                    nameToken = token
                }
            }
            guard let callsValue, let nameToken else {
                close()
                return false
            }
            row = Row(name: nameToken, calls: callsValue)
            return true
        case .total:
            let tokens = Self.tokens(line)
            close()
            return tokens.contains { Self.equals(line, $0, "total") }
        }
    }

    private mutating func close() {
        state = .idle
        personality = .native
    }

    /// Runs of `-` when the line is a separator (only `-` and spaces, starting with `-`).
    private static func separatorColumns(_ line: UnsafeRawBufferPointer) -> [Range<Int>] {
        guard line.first == Ascii.minus else { return [] }
        var columns: [Range<Int>] = []
        var start = -1
        for i in 0..<line.count {
            let c = line[i]
            if c == Ascii.minus {
                if start < 0 { start = i }
            } else if c == Ascii.space {
                if start >= 0 { columns.append(start..<i) }
                start = -1
            } else {
                return []
            }
        }
        if start >= 0 { columns.append(start..<line.count) }
        return columns
    }

    private static func tokens(_ line: UnsafeRawBufferPointer) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var start = -1
        for i in 0..<line.count {
            let blank = line[i] == Ascii.space || line[i] == Ascii.tab
            if blank {
                if start >= 0 { tokens.append(start..<i) }
                start = -1
            } else if start < 0 {
                start = i
            }
        }
        if start >= 0 { tokens.append(start..<line.count) }
        return tokens
    }

    private static func overlaps(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.lowerBound < b.upperBound && b.lowerBound < a.upperBound
    }

    private static func equals(_ line: UnsafeRawBufferPointer, _ token: Range<Int>, _ word: StaticString) -> Bool {
        token.count == word.utf8CodeUnitCount && StraceLine.hasPrefix(line, token.lowerBound, word)
    }
}
