/// A minimal in-memory ZIP reader for Java archives: the end-of-central-directory record (and its ZIP64
/// variant), the central directory, and each entry's local header, with stored and DEFLATE entries. Nothing is
/// written to disk, so entry names cannot escape anywhere; every offset, size and count is checked against the
/// buffer and capped, so truncated, overlapping or bomb archives give errors, not crashes or huge allocations.
struct ZipArchive {
    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int

        var isDirectory: Bool { name.hasSuffix("/") }
    }

    enum ZipError: Error, Equatable {
        case noEndRecord
        case badCentralDirectory
        case tooManyEntries(Int)
        case badLocalHeader(String)
        case encrypted(String)
        case unsupportedMethod(String, UInt16)
        case entryTooLarge(String, Int)
        case corruptEntry(String)
    }

    static let maxEntries = 200_000

    let entries: [Entry]

    init(_ bytes: UnsafeRawBufferPointer) throws(ZipError) {
        let end = try Self.findEndRecord(bytes)
        var count = Int(Self.u16(bytes, end + 10))
        var directorySize = UInt64(Self.u32(bytes, end + 12))
        var directoryOffset = UInt64(Self.u32(bytes, end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF,
            let zip64 = Self.zip64EndRecord(bytes, endRecord: end)
        {
            guard let total = Self.u64(bytes, zip64 + 32), let size = Self.u64(bytes, zip64 + 40),
                let offset = Self.u64(bytes, zip64 + 48)
            else { throw .badCentralDirectory }
            guard total <= UInt64(Self.maxEntries) else { throw .tooManyEntries(Int(clamping: total)) }
            count = Int(total)
            directorySize = size
            directoryOffset = offset
        }
        guard count <= Self.maxEntries else { throw .tooManyEntries(count) }
        guard directoryOffset <= UInt64(bytes.count), directorySize <= UInt64(bytes.count) - directoryOffset else {
            throw .badCentralDirectory
        }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var cursor = Int(directoryOffset)
        let limit = Int(directoryOffset + directorySize)
        for _ in 0..<count {
            guard cursor <= limit - 46, Self.u32(bytes, cursor) == 0x0201_4B50 else { throw .badCentralDirectory }
            let nameLength = Int(Self.u16(bytes, cursor + 28))
            let extraLength = Int(Self.u16(bytes, cursor + 30))
            let commentLength = Int(Self.u16(bytes, cursor + 32))
            let nameStart = cursor + 46
            let next = nameStart + nameLength + extraLength + commentLength
            guard next <= limit else { throw .badCentralDirectory }
            var entry = Entry(
                name: ByteSearch.string(bytes, nameStart..<(nameStart + nameLength)),
                method: Self.u16(bytes, cursor + 10), flags: Self.u16(bytes, cursor + 8),
                compressedSize: Int(Self.u32(bytes, cursor + 20)), uncompressedSize: Int(Self.u32(bytes, cursor + 24)),
                localHeaderOffset: Int(Self.u32(bytes, cursor + 42)))
            Self.applyZip64Extra(bytes, (nameStart + nameLength)..<(nameStart + nameLength + extraLength), &entry)
            entries.append(entry)
            cursor = next
        }
        self.entries = entries
    }

    /// The entry's uncompressed bytes, refusing entries that claim or inflate to more than `maxSize`.
    func contents(of entry: Entry, in bytes: UnsafeRawBufferPointer, maxSize: Int) throws(ZipError) -> [UInt8] {
        guard entry.flags & 1 == 0 else { throw .encrypted(entry.name) }
        guard entry.uncompressedSize <= maxSize else { throw .entryTooLarge(entry.name, entry.uncompressedSize) }
        let header = entry.localHeaderOffset
        guard header >= 0, header <= bytes.count - 30, Self.u32(bytes, header) == 0x0403_4B50 else {
            throw .badLocalHeader(entry.name)
        }
        let dataStart = header + 30 + Int(Self.u16(bytes, header + 26)) + Int(Self.u16(bytes, header + 28))
        guard dataStart <= bytes.count, entry.compressedSize <= bytes.count - dataStart else {
            throw .badLocalHeader(entry.name)
        }
        let data = UnsafeRawBufferPointer(rebasing: bytes[dataStart..<(dataStart + entry.compressedSize)])
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw .corruptEntry(entry.name) }
            return Array(data)
        case 8:
            if entry.uncompressedSize == 0 { return [] }
            do {
                let out = try Inflater.inflate(
                    data, wrapper: .raw, expectedSize: entry.uncompressedSize,
                    maxOutput: min(maxSize, entry.uncompressedSize))
                guard out.count == entry.uncompressedSize else { throw ZipError.corruptEntry(entry.name) }
                return out
            } catch {
                throw .corruptEntry(entry.name)
            }
        default:
            throw .unsupportedMethod(entry.name, entry.method)
        }
    }

    private static func findEndRecord(_ bytes: UnsafeRawBufferPointer) throws(ZipError) -> Int {
        guard bytes.count >= 22 else { throw .noEndRecord }
        var offset = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while offset >= lowest {
            if bytes[offset] == 0x50, u32(bytes, offset) == 0x0605_4B50,
                offset + 22 + Int(u16(bytes, offset + 20)) <= bytes.count
            {
                return offset
            }
            offset -= 1
        }
        throw .noEndRecord
    }

    private static func zip64EndRecord(_ bytes: UnsafeRawBufferPointer, endRecord: Int) -> Int? {
        let locator = endRecord - 20
        guard locator >= 0, bytes.count >= 56, u32(bytes, locator) == 0x0706_4B50, let offset = u64(bytes, locator + 8),
            offset <= UInt64(bytes.count - 56), u32(bytes, Int(offset)) == 0x0606_4B50
        else { return nil }
        return Int(offset)
    }

    /// ZIP64 extended information (header 0x0001): 64-bit sizes and offset for fields saturated at 0xFFFFFFFF.
    private static func applyZip64Extra(_ bytes: UnsafeRawBufferPointer, _ extra: Range<Int>, _ entry: inout Entry) {
        var cursor = extra.lowerBound
        while cursor + 4 <= extra.upperBound {
            let id = u16(bytes, cursor)
            let size = Int(u16(bytes, cursor + 2))
            let body = cursor + 4
            guard body + size <= extra.upperBound else { return }
            if id == 1 {
                var field = body
                func take() -> Int? {
                    guard field + 8 <= body + size, let value = u64(bytes, field), value <= UInt64(Int.max) else {
                        return nil
                    }
                    field += 8
                    return Int(value)
                }
                if entry.uncompressedSize == 0xFFFF_FFFF, let value = take() { entry.uncompressedSize = value }
                if entry.compressedSize == 0xFFFF_FFFF, let value = take() { entry.compressedSize = value }
                if entry.localHeaderOffset == 0xFFFF_FFFF, let value = take() { entry.localHeaderOffset = value }
                return
            }
            cursor = body + size
        }
    }

    private static func u16(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt16 {
        UInt16(truncatingIfNeeded: ByteSearch.uint(bytes, at: offset, width: 2, bigEndian: false) ?? 0)
    }

    private static func u32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: ByteSearch.uint(bytes, at: offset, width: 4, bigEndian: false) ?? 0)
    }

    private static func u64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64? {
        ByteSearch.uint(bytes, at: offset, width: 8, bigEndian: false)
    }
}
