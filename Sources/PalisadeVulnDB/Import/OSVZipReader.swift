import PalisadeFormats

/// Reads the entries of an OSV `all.zip` archive in memory: end record, central directory, local headers, stored
/// and DEFLATE entries. DEFLATE data is wrapped in a gzip frame carrying the entry's CRC-32 and size, so the shared
/// ISA-L gzip decoder inflates it and verifies the checksum. Every offset and size is bounds-checked and capped.
struct OSVZipReader {
    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    static let maxEntries = 2_000_000
    static let maxEntrySize = 16 << 20

    let entries: [Entry]

    init(_ bytes: UnsafeRawBufferPointer) throws(AdvisoryStoreError) {
        guard bytes.count >= 22 else { throw AdvisoryStoreError("not a zip archive") }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while end >= lowest, Self.u32(bytes, end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { throw AdvisoryStoreError("not a zip archive (no end record)") }
        let count = Int(Self.u16(bytes, end + 10))
        let size = Int(Self.u32(bytes, end + 12))
        let offset = Int(Self.u32(bytes, end + 16))
        guard count != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else {
            throw AdvisoryStoreError("ZIP64 archives are not supported")
        }
        guard offset <= bytes.count, size <= bytes.count - offset else {
            throw AdvisoryStoreError("bad zip central directory")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(min(count, Self.maxEntries))
        var cursor = offset
        let limit = offset + size
        for _ in 0..<count {
            guard cursor + 46 <= limit, Self.u32(bytes, cursor) == 0x0201_4B50 else {
                throw AdvisoryStoreError("bad zip central directory")
            }
            let nameLength = Int(Self.u16(bytes, cursor + 28))
            let next = cursor + 46 + nameLength + Int(Self.u16(bytes, cursor + 30)) + Int(Self.u16(bytes, cursor + 32))
            guard next <= limit else { throw AdvisoryStoreError("bad zip central directory") }
            let name = String(
                decoding: UnsafeRawBufferPointer(rebasing: bytes[(cursor + 46)..<(cursor + 46 + nameLength)]),
                as: UTF8.self)
            entries.append(
                Entry(
                    name: name, method: Self.u16(bytes, cursor + 10), flags: Self.u16(bytes, cursor + 8),
                    crc32: Self.u32(bytes, cursor + 16), compressedSize: Int(Self.u32(bytes, cursor + 20)),
                    uncompressedSize: Int(Self.u32(bytes, cursor + 24)),
                    localHeaderOffset: Int(Self.u32(bytes, cursor + 42))))
            cursor = next
        }
        self.entries = entries
    }

    /// The entry's bytes, CRC-checked.
    func contents(of entry: Entry, in bytes: UnsafeRawBufferPointer) throws(AdvisoryStoreError) -> [UInt8] {
        guard entry.flags & 1 == 0 else { throw AdvisoryStoreError("\(entry.name): encrypted") }
        guard entry.uncompressedSize <= Self.maxEntrySize else { throw AdvisoryStoreError("\(entry.name): too large") }
        let header = entry.localHeaderOffset
        guard header <= bytes.count - 30, Self.u32(bytes, header) == 0x0403_4B50 else {
            throw AdvisoryStoreError("\(entry.name): bad local header")
        }
        let start = header + 30 + Int(Self.u16(bytes, header + 26)) + Int(Self.u16(bytes, header + 28))
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw AdvisoryStoreError("\(entry.name): truncated")
        }
        let data = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + entry.compressedSize)])
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize, CRC32.checksum(data) == entry.crc32 else {
                throw AdvisoryStoreError("\(entry.name): corrupt (CRC-32 mismatch)")
            }
            return Array(data)
        case 8:
            // gzip member: magic, CM=8, no flags, mtime 0, XFL 0, OS 255; then raw DEFLATE; then CRC-32 and ISIZE.
            var frame: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
            frame.reserveCapacity(entry.compressedSize + 18)
            frame.append(contentsOf: data)
            for shift in stride(from: 0, to: 32, by: 8) {
                frame.append(UInt8(truncatingIfNeeded: entry.crc32 >> shift))
            }
            let size = UInt32(truncatingIfNeeded: entry.uncompressedSize)
            for shift in stride(from: 0, to: 32, by: 8) { frame.append(UInt8(truncatingIfNeeded: size >> shift)) }
            var out: [UInt8] = []
            out.reserveCapacity(entry.uncompressedSize)
            let decoder = GzipStreamDecoder(maxOutputBytes: Int64(Self.maxEntrySize))
            do {
                try decoder.feed(frame) { out.append(contentsOf: $0) }
                try decoder.finish()
            } catch {
                throw AdvisoryStoreError("\(entry.name): corrupt (\(error))")
            }
            return out
        default:
            throw AdvisoryStoreError("\(entry.name): unsupported compression method \(entry.method)")
        }
    }

    private static func u16(_ b: UnsafeRawBufferPointer, _ o: Int) -> UInt16 {
        guard o >= 0, o + 2 <= b.count else { return 0 }
        return UInt16(b[o]) | UInt16(b[o + 1]) << 8
    }

    private static func u32(_ b: UnsafeRawBufferPointer, _ o: Int) -> UInt32 {
        guard o >= 0, o + 4 <= b.count else { return 0 }
        return UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
    }
}
