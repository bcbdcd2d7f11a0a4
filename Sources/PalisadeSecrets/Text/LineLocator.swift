/// Turns byte offsets into 1-based line and column numbers. Offsets must be asked in ascending
/// order: newlines are counted once, incrementally, so locating every match in a chunk costs one
/// pass at most. Lines end at LF (CRLF works: the CR is the last byte of its line); columns count
/// UTF-8 characters, not bytes.
struct LineLocator {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0
    private var line: Int
    private var lineStart = 0
    private var columnOffset = 0
    private var column = 1

    init(_ bytes: UnsafeRawBufferPointer, firstLine: Int) {
        self.bytes = bytes
        self.line = firstLine
    }

    mutating func locate(_ target: Int) -> (line: Int, column: Int) {
        precondition(target >= offset, "LineLocator offsets must ascend")
        let end = min(target, bytes.count)
        if end > offset, let base = bytes.baseAddress {
            var p = offset
            while p < end {
                guard let hit = memchr(base + p, 0x0A, end - p) else { break }
                let index = base.distance(to: UnsafeRawPointer(hit))
                line += 1
                lineStart = index + 1
                p = index + 1
            }
        }
        offset = end
        if lineStart > columnOffset || columnOffset == 0 {
            columnOffset = lineStart
            column = 1
        }
        var i = columnOffset
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        columnOffset = end
        return (line, column)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
