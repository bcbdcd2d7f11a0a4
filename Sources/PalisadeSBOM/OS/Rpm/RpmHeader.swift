/// An RPM header as rpmdb stores it (no lead, no 8-byte header magic): big-endian index count
/// `il` and data length `dl`, `il` 16-byte index entries (tag, type, offset, count), then `dl`
/// bytes of data. Every offset and length is checked against the blob before it is read, so a
/// corrupt or hostile blob yields `RpmHeader.Error`, never an out-of-bounds read.
struct RpmHeader {
    enum Error: Swift.Error, Equatable {
        case truncated
        case tooManyEntries(Int)
        case dataLengthMismatch
    }

    enum Tag: UInt32 {
        case name = 1000
        case version = 1001
        case release = 1002
        case epoch = 1003
        case license = 1014
        case arch = 1022
        case sourceRPM = 1044
    }

    /// rpm's own cap (`HEADER_TAGS_MAX`); real headers have a few hundred entries.
    static let maximumEntries = 0x10000
    private static let typeInt32: UInt32 = 4
    private static let typeString: UInt32 = 6
    private static let typeStringArray: UInt32 = 8
    private static let typeI18NString: UInt32 = 9

    private struct Entry {
        var type: UInt32
        var offset: Int
        var count: Int
    }

    private let data: [UInt8]
    private let entries: [UInt32: Entry]

    init(blob: UnsafeRawBufferPointer) throws(Error) {
        guard blob.count >= 8 else { throw .truncated }
        let indexCount = Int(Self.uint32(blob, 0))
        let dataLength = Int(Self.uint32(blob, 4))
        guard indexCount <= Self.maximumEntries else { throw .tooManyEntries(indexCount) }
        let dataStart = 8 + indexCount * 16
        guard dataStart <= blob.count else { throw .truncated }
        guard dataLength <= blob.count - dataStart else { throw .dataLengthMismatch }
        var entries: [UInt32: Entry] = [:]
        for index in 0..<indexCount {
            let base = 8 + index * 16
            let tag = Self.uint32(blob, base)
            guard Tag(rawValue: tag) != nil, entries[tag] == nil else { continue }
            let offset = Int(Int32(bitPattern: Self.uint32(blob, base + 8)))
            guard offset >= 0, offset < dataLength else { continue }
            entries[tag] = Entry(
                type: Self.uint32(blob, base + 4), offset: offset, count: Int(Self.uint32(blob, base + 12)))
        }
        self.data = Array(blob[dataStart..<(dataStart + dataLength)])
        self.entries = entries
    }

    /// The first string of a STRING, STRING_ARRAY or I18NSTRING entry; nil when absent,
    /// of another type, or not NUL-terminated inside the data store.
    func string(_ tag: Tag) -> String? {
        guard let entry = entries[tag.rawValue], entry.count >= 1,
            entry.type == Self.typeString || entry.type == Self.typeStringArray || entry.type == Self.typeI18NString
        else { return nil }
        guard let end = data[entry.offset...].firstIndex(of: 0) else { return nil }
        return String(decoding: data[entry.offset..<end], as: UTF8.self)
    }

    /// The first value of an INT32 entry (4-byte aligned in the data store).
    func int32(_ tag: Tag) -> UInt32? {
        guard let entry = entries[tag.rawValue], entry.type == Self.typeInt32, entry.count >= 1,
            entry.offset <= data.count - 4
        else { return nil }
        return data.withUnsafeBytes { Self.uint32($0, entry.offset) }
    }

    private static func uint32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }
}
