/// What the reader reports, in order: `entry`, zero or more `data` chunks (regular files only), `entryEnd`.
/// `data` points into the caller's buffer and is valid only during the handler call.
public enum TarEvent {
    case entry(TarEntry)
    case data(UnsafeRawBufferPointer)
    case entryEnd
}

/// Push-based streaming tar reader: feed it chunks of any size, get events. It never touches the disk and holds at
/// most one header block plus one capped metadata record, so image layers of any size stream through in O(1) memory.
/// Understands ustar (with `prefix`), GNU `L`/`K` long names, base-256 numbers and PAX `x` records (`g` is ignored).
public struct TarReader {
    /// Largest GNU long-name or PAX record accepted (they are buffered in memory).
    public var maxMetadataSize: Int64
    /// Largest entry data size accepted.
    public var maxEntrySize: Int64

    private enum Phase { case header, body, padding, afterZero, end, failed }
    private enum Sink {
        case emit, skip
        case meta(UInt8)
    }

    private var phase = Phase.header
    private var sink = Sink.skip
    private var header = [UInt8](repeating: 0, count: 512)
    private var headerFill = 0
    private var remaining: Int64 = 0
    private var padding: Int64 = 0
    private var meta: [UInt8] = []
    private var offset: Int64 = 0
    private var currentName: String?
    private var pending = Overrides()

    private struct Overrides {
        var path: String?, link: String?, size: Int64?, uid: Int64?, gid: Int64?, mtime: Int64?
        var any: Bool { path != nil || link != nil || size != nil || uid != nil || gid != nil || mtime != nil }
    }

    public init(maxMetadataSize: Int64 = 1 << 20, maxEntrySize: Int64 = 1 << 40) {
        self.maxMetadataSize = maxMetadataSize
        self.maxEntrySize = maxEntrySize
    }

    /// Consumes `bytes`. Throws `TarError` for bad input, or whatever `handler` throws; after any error the reader
    /// is unusable (further calls throw `.readerFailed`).
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ handler: (TarEvent) throws -> Void) throws {
        if case .failed = phase { throw fail(.readerFailed) }
        do { try consume(bytes, handler) } catch {
            phase = .failed
            throw error
        }
    }

    public mutating func feed(_ bytes: [UInt8], _ handler: (TarEvent) throws -> Void) throws {
        try bytes.withUnsafeBytes { try feed($0, handler) }
    }

    /// Call at end of input. Accepts the end-of-archive zero blocks or a clean stop at an entry boundary (some
    /// `docker save` layers omit the zero blocks); a stop inside a header or inside data is an error.
    public mutating func finish() throws(TarError) {
        switch phase {
        case .failed: throw fail(.readerFailed)
        case .afterZero, .end: return
        case .header:
            if headerFill > 0 { throw fail(.truncatedHeader) }
            if pending.any { throw fail(.orphanMetadata) }
        case .body, .padding: throw fail(.truncatedData)
        }
    }

    private mutating func fail(_ kind: TarError.Kind) -> TarError {
        phase = .failed
        return TarError(kind, entry: currentName, offset: offset)
    }

    private mutating func consume(_ bytes: UnsafeRawBufferPointer, _ handler: (TarEvent) throws -> Void) throws {
        var p = 0
        let n = bytes.count
        while p < n {
            switch phase {
            case .header, .afterZero:
                let take = min(512 - headerFill, n - p)
                header.withUnsafeMutableBytes { dst in
                    UnsafeMutableRawBufferPointer(rebasing: dst[headerFill..<headerFill + take]).copyMemory(
                        from: UnsafeRawBufferPointer(rebasing: bytes[p..<p + take]))
                }
                headerFill += take
                p += take
                offset += Int64(take)
                if headerFill == 512 {
                    headerFill = 0
                    try processHeader(handler)
                }
            case .body:
                let take = Int(min(remaining, Int64(n - p)))
                let chunk = UnsafeRawBufferPointer(rebasing: bytes[p..<p + take])
                switch sink {
                case .emit: try handler(.data(chunk))
                case .meta: meta.append(contentsOf: chunk)
                case .skip: break
                }
                p += take
                offset += Int64(take)
                remaining -= Int64(take)
                if remaining == 0 { try endBody(handler) }
            case .padding:
                let take = Int(min(padding, Int64(n - p)))
                p += take
                offset += Int64(take)
                padding -= Int64(take)
                if padding == 0 { phase = .header }
            case .end:
                offset += Int64(n - p)  // trailing record padding after the end marker
                p = n
            case .failed:
                throw fail(.readerFailed)
            }
        }
    }

    private mutating func processHeader(_ handler: (TarEvent) throws -> Void) throws {
        let start = offset - 512
        if header.allSatisfy({ $0 == 0 }) {
            if pending.any { throw fail(.orphanMetadata) }
            phase = phase == .afterZero ? .end : .afterZero
            return
        }
        if phase == .afterZero { throw fail(.lonelyZeroBlock) }
        try verifyChecksum()
        let flag = header[156]
        let name = cString(0, 100)
        currentName = name
        var size = try number(124, 12, "size")
        if size < 0 { throw fail(.badNumericField("size")) }

        if flag == UInt8(ascii: "L") || flag == UInt8(ascii: "K") || flag == UInt8(ascii: "x")
            || flag == UInt8(ascii: "g")
        {
            if size > maxMetadataSize { throw fail(.metadataTooLarge(size)) }
            meta.removeAll(keepingCapacity: true)
            startBody(size: size, sink: .meta(flag))
            if size == 0 { try endBody(handler) }
            return
        }

        let magic = header[257..<263]
        var path = name
        if magic.elementsEqual("ustar\0".utf8), header[345] != 0 { path = cString(345, 155) + "/" + name }
        if let p = pending.path { path = p }
        currentName = path
        if let s = pending.size { size = s }
        let kind: TarEntry.Kind
        switch flag {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
            kind = flag == 0 && path.hasSuffix("/") ? .directory : .file
        case UInt8(ascii: "1"): kind = .hardlink
        case UInt8(ascii: "2"): kind = .symlink
        case UInt8(ascii: "5"): kind = .directory
        default: kind = .other(flag)
        }
        // Like Go's archive/tar: links, devices, directories and FIFOs carry no data whatever `size` says.
        if (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(flag) || kind == .directory { size = 0 }
        if size > maxEntrySize { throw fail(.entryTooLarge(size)) }
        let entry = TarEntry(
            path: path, linkTarget: pending.link ?? cString(157, 100), kind: kind, size: size,
            mode: UInt32(truncatingIfNeeded: try number(100, 8, "mode")),
            uid: try pending.uid ?? number(108, 8, "uid"), gid: try pending.gid ?? number(116, 8, "gid"),
            mtime: try pending.mtime ?? number(136, 12, "mtime"), headerOffset: start)
        pending = Overrides()
        try handler(.entry(entry))
        startBody(size: size, sink: kind == .file ? .emit : .skip)
        if size == 0 { try endBody(handler) }
    }

    private mutating func startBody(size: Int64, sink: Sink) {
        self.sink = sink
        remaining = size
        padding = (512 - size % 512) % 512
        phase = .body
    }

    private mutating func endBody(_ handler: (TarEvent) throws -> Void) throws {
        phase = padding > 0 ? .padding : .header
        switch sink {
        case .meta(let flag):
            let text = meta.prefix { $0 != 0 }
            if flag == UInt8(ascii: "L") { pending.path = String(decoding: text, as: UTF8.self) }
            if flag == UInt8(ascii: "K") { pending.link = String(decoding: text, as: UTF8.self) }
            if flag == UInt8(ascii: "x") { try parsePax() }
            meta.removeAll(keepingCapacity: meta.capacity <= 64 * 1024)
        case .emit, .skip:
            try handler(.entryEnd)
        }
    }

    /// Records are `"<len> <key>=<value>\n"`, where `len` counts the whole record.
    private mutating func parsePax() throws {
        var i = 0
        while i < meta.count {
            var len = 0
            var j = i
            while j < meta.count, let d = digit(meta[j]), len < 1 << 30 {
                len = len * 10 + d
                j += 1
            }
            guard j > i, j < meta.count, meta[j] == UInt8(ascii: " ") else { throw fail(.malformedPax("bad length")) }
            guard len > j - i + 1, len <= meta.count - i, meta[i + len - 1] == UInt8(ascii: "\n") else {
                throw fail(.malformedPax("record length \(len) does not fit"))
            }
            let record = meta[(j + 1)..<(i + len - 1)]
            guard let eq = record.firstIndex(of: UInt8(ascii: "=")) else { throw fail(.malformedPax("missing '='")) }
            let key = String(decoding: record[..<eq], as: UTF8.self)
            let value = record[(eq + 1)...]
            let text = value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
            switch key {
            case "path": pending.path = text
            case "linkpath": pending.link = text
            case "size": pending.size = try paxNumber(value, key, fraction: false)
            case "uid": pending.uid = try paxNumber(value, key, fraction: false)
            case "gid": pending.gid = try paxNumber(value, key, fraction: false)
            case "mtime": pending.mtime = try paxNumber(value, key, fraction: true)
            default: break
            }
            i += len
        }
    }

    private mutating func paxNumber(_ bytes: ArraySlice<UInt8>, _ key: String, fraction: Bool) throws -> Int64? {
        if bytes.isEmpty { return nil }
        var v: Int64 = 0
        var negative = false
        for (k, b) in bytes.enumerated() {
            if k == 0, b == UInt8(ascii: "-"), fraction {
                negative = true
                continue
            }
            if b == UInt8(ascii: "."), fraction { break }
            guard let d = digit(b), v <= (Int64.max - 9) / 10 else { throw fail(.malformedPax("bad \(key)")) }
            v = v * 10 + Int64(d)
        }
        return negative ? -v : v
    }

    private mutating func verifyChecksum() throws {
        guard let stored = octal(148, 8) else { throw fail(.badChecksum) }
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (i, b) in header.enumerated() {
            let c: UInt8 = (148..<156).contains(i) ? 0x20 : b
            unsigned += Int64(c)
            signed += Int64(Int8(bitPattern: c))
        }
        if stored != unsigned && stored != signed { throw fail(.badChecksum) }
    }

    /// Octal (with leading/trailing spaces or NULs) or GNU base-256 (high bit of the first byte set).
    private mutating func number(_ at: Int, _ len: Int, _ field: String) throws -> Int64 {
        let first = header[at]
        if first & 0x80 != 0 {
            // Two's-complement big-endian; 0x80 marks positive, 0xFF negative.
            var v: Int64 = first == 0xFF ? -1 : 0
            for k in at..<(at + len) {
                let b = k == at ? (first == 0xFF ? 0xFF : first & 0x7F) : header[k]
                guard (v >> 55 == 0) || (v >> 55 == -1) else { throw fail(.badNumericField(field)) }
                v = (v << 8) | Int64(b)
            }
            return v
        }
        guard let v = octal(at, len) else { throw fail(.badNumericField(field)) }
        return v
    }

    private func octal(_ at: Int, _ len: Int) -> Int64? {
        var k = at
        let end = at + len
        while k < end, header[k] == 0x20 || header[k] == 0 { k += 1 }
        var v: Int64 = 0
        while k < end, header[k] >= UInt8(ascii: "0"), header[k] <= UInt8(ascii: "7") {
            if v > Int64.max >> 3 { return nil }
            v = v << 3 | Int64(header[k] - UInt8(ascii: "0"))
            k += 1
        }
        while k < end {
            if header[k] != 0x20 && header[k] != 0 { return nil }
            k += 1
        }
        return v
    }

    private func cString(_ at: Int, _ len: Int) -> String {
        String(decoding: header[at..<(at + len)].prefix { $0 != 0 }, as: UTF8.self)
    }

    private func digit(_ b: UInt8) -> Int? {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") ? Int(b - UInt8(ascii: "0")) : nil
    }
}
