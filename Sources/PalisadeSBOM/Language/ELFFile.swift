/// The parts of an ELF file the binary catalogers need: named sections (`.go.buildinfo`, `.dep-v0`) and the
/// loadable segments that map virtual addresses to file offsets (pre-1.18 Go build info stores pointers).
/// Every offset and size is checked against the file, so truncated or crafted headers give errors, not crashes.
struct ELFFile {
    struct Section {
        var name: String
        var address: UInt64
        var offset: Int
        var size: Int
        /// `SHT_NOBITS` (`.bss`): occupies no file bytes.
        var hasFileBytes: Bool
    }

    struct Segment {
        var virtualAddress: UInt64
        var offset: Int
        var fileSize: Int
        /// `p_flags`: 1 execute, 2 write, 4 read.
        var flags: UInt32

        /// Writable, non-executable: where Go's linker puts `.go.buildinfo` when sections are stripped.
        var isWritableData: Bool { flags & 2 != 0 && flags & 1 == 0 }
    }

    enum ParseError: Error, Equatable {
        case notELF
        case truncatedHeader
        case badSectionTable
    }

    let is64Bit: Bool
    let isBigEndian: Bool
    let sections: [Section]
    let segments: [Segment]

    static let magic: [UInt8] = [0x7F, 0x45, 0x4C, 0x46]

    static func isELF(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x7F && bytes[1] == 0x45 && bytes[2] == 0x4C && bytes[3] == 0x46
    }

    init(_ bytes: UnsafeRawBufferPointer) throws(ParseError) {
        guard Self.isELF(bytes) else { throw .notELF }
        guard bytes.count >= 52, bytes[4] == 1 || bytes[4] == 2, bytes[5] == 1 || bytes[5] == 2 else {
            throw .truncatedHeader
        }
        is64Bit = bytes[4] == 2
        isBigEndian = bytes[5] == 2
        guard !is64Bit || bytes.count >= 64 else { throw .truncatedHeader }
        let big = isBigEndian
        let word = is64Bit ? 8 : 4
        func read(_ offset: Int, _ width: Int) -> UInt64? {
            ByteSearch.uint(bytes, at: offset, width: width, bigEndian: big)
        }
        guard let phoff = read(is64Bit ? 0x20 : 0x1C, word), let shoff = read(is64Bit ? 0x28 : 0x20, word),
            let phentsize = read(is64Bit ? 0x36 : 0x2A, 2), let phnum = read(is64Bit ? 0x38 : 0x2C, 2),
            let shentsize = read(is64Bit ? 0x3A : 0x2E, 2), let shnum = read(is64Bit ? 0x3C : 0x30, 2),
            let shstrndx = read(is64Bit ? 0x3E : 0x32, 2)
        else { throw .truncatedHeader }

        var segments: [Segment] = []
        let minPhent = is64Bit ? 56 : 32
        if phnum > 0, phentsize >= minPhent, phoff < UInt64(bytes.count) {
            for index in 0..<Int(phnum) {
                let base = Int(phoff) + index * Int(phentsize)
                guard base + minPhent <= bytes.count, let type = read(base, 4), type == 1 else { continue }  // PT_LOAD
                let fields: (Int, Int, Int) =
                    is64Bit ? (base + 8, base + 16, base + 32) : (base + 4, base + 8, base + 16)
                guard let offset = read(fields.0, word), let vaddr = read(fields.1, word),
                    let filesz = read(fields.2, word), let flags = read(is64Bit ? base + 4 : base + 24, 4),
                    offset <= UInt64(bytes.count), filesz <= UInt64(bytes.count) - offset
                else { continue }
                segments.append(
                    Segment(virtualAddress: vaddr, offset: Int(offset), fileSize: Int(filesz), flags: UInt32(flags)))
            }
        }
        self.segments = segments

        var raw: [(nameOffset: UInt64, section: Section)] = []
        let minShent = is64Bit ? 64 : 40
        if shnum > 0 {
            guard shentsize >= minShent, shoff < UInt64(bytes.count),
                UInt64(shnum) * shentsize <= UInt64(bytes.count) - shoff
            else { throw .badSectionTable }
            for index in 0..<Int(shnum) {
                let base = Int(shoff) + index * Int(shentsize)
                let fields: (Int, Int, Int) =
                    is64Bit ? (base + 16, base + 24, base + 32) : (base + 12, base + 16, base + 20)
                guard let nameOffset = read(base, 4), let type = read(base + 4, 4), let addr = read(fields.0, word),
                    let offset = read(fields.1, word), let size = read(fields.2, word)
                else { throw .badSectionTable }
                let hasBytes = type != 8  // SHT_NOBITS
                let fits = offset <= UInt64(bytes.count) && size <= UInt64(bytes.count) - offset
                // Sections whose bytes lie outside the file are kept with no bytes rather than trusted.
                raw.append(
                    (
                        nameOffset,
                        Section(
                            name: "", address: addr, offset: fits ? Int(offset) : 0, size: fits ? Int(size) : 0,
                            hasFileBytes: hasBytes && fits)
                    ))
            }
        }
        var sections: [Section] = []
        if Int(shstrndx) < raw.count, raw[Int(shstrndx)].section.hasFileBytes {
            let table = raw[Int(shstrndx)].section
            for var entry in raw {
                entry.section.name = Self.cString(bytes, table, entry.nameOffset)
                sections.append(entry.section)
            }
        } else {
            sections = raw.map(\.section)
        }
        self.sections = sections
    }

    func section(named name: String) -> Section? {
        sections.first { $0.name == name && $0.hasFileBytes }
    }

    /// File offset of the virtual address `address` with at least `count` file bytes behind it in one segment.
    func fileOffset(ofAddress address: UInt64, count: Int) -> Int? {
        for segment in segments where address >= segment.virtualAddress {
            let delta = address - segment.virtualAddress
            guard delta <= UInt64(segment.fileSize), UInt64(count) <= UInt64(segment.fileSize) - delta else { continue }
            return segment.offset + Int(delta)
        }
        for section in sections where section.hasFileBytes && address >= section.address && section.address != 0 {
            let delta = address - section.address
            guard delta <= UInt64(section.size), UInt64(count) <= UInt64(section.size) - delta else { continue }
            return section.offset + Int(delta)
        }
        return nil
    }

    private static func cString(_ bytes: UnsafeRawBufferPointer, _ table: Section, _ offset: UInt64) -> String {
        guard offset < UInt64(table.size) else { return "" }
        let start = table.offset + Int(offset)
        let end = table.offset + table.size
        var index = start
        while index < end && bytes[index] != 0 && index - start < 256 { index += 1 }
        return ByteSearch.string(bytes, start..<index)
    }
}
