import Foundation

@testable import PalisadeSBOM

/// Helpers shared by the language cataloger tests: fixture loading, and builders for synthetic ELF files, Go
/// build info and ZIP archives that follow the real formats byte for byte.
enum LanguageFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sbom-lang")

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relativePath)))
    }
}

/// Runs `catalog` over bytes the way the pipeline does.
func catalog(_ cataloger: some PackageCataloger, path: String, _ bytes: [UInt8]) throws(CatalogError) -> [Package] {
    let result = bytes.withUnsafeBytes { buffer in
        Result { () throws(CatalogError) in try cataloger.catalog(path: path, contents: buffer) }
    }
    return try result.get()
}

func catalog(_ cataloger: some PackageCataloger, path: String, _ text: String) throws(CatalogError) -> [Package] {
    try catalog(cataloger, path: path, Array(text.utf8))
}

/// Little-endian byte appends.
extension Array where Element == UInt8 {
    mutating func le(_ value: UInt64, _ width: Int) {
        for index in 0..<width { append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }

    mutating func pad(to alignment: Int) {
        while count % alignment != 0 { append(0) }
    }
}

/// An ELF64 little-endian executable with one PT_LOAD segment mapping the whole file at `baseAddress`, the given
/// sections (data starting at file offset 128, each 16-byte aligned) and a `.shstrtab`.
enum SyntheticELF {
    static let baseAddress: UInt64 = 0x40_0000
    static let firstSectionOffset = 128

    static func build(sections: [(name: String, data: [UInt8])], withSectionHeaders: Bool = true) -> [UInt8] {
        var body: [UInt8] = []
        var placed: [(nameOffset: Int, offset: Int, size: Int)] = []
        var names: [UInt8] = [0]
        for section in sections {
            while (firstSectionOffset + body.count) % 16 != 0 { body.append(0) }
            placed.append((names.count, firstSectionOffset + body.count, section.data.count))
            names += Array(section.name.utf8) + [0]
            body += section.data
        }
        let shstrtabNameOffset = names.count
        names += Array(".shstrtab".utf8) + [0]
        let shstrtabOffset = firstSectionOffset + body.count
        body += names
        while (firstSectionOffset + body.count) % 8 != 0 { body.append(0) }
        let sectionHeaderOffset = firstSectionOffset + body.count
        let sectionCount = withSectionHeaders ? sections.count + 2 : 0
        let total = sectionHeaderOffset + sectionCount * 64

        var file: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 8)
        file.le(2, 2)  // ET_EXEC
        file.le(62, 2)  // EM_X86_64
        file.le(1, 4)
        file.le(baseAddress + 128, 8)  // entry
        file.le(64, 8)  // phoff
        file.le(withSectionHeaders ? UInt64(sectionHeaderOffset) : 0, 8)
        file.le(0, 4)
        file.le(64, 2)
        file.le(56, 2)
        file.le(1, 2)  // phnum
        file.le(64, 2)
        file.le(UInt64(sectionCount), 2)
        file.le(withSectionHeaders ? UInt64(sections.count + 1) : 0, 2)  // shstrndx
        // PT_LOAD covering the file.
        file.le(1, 4)
        file.le(6, 4)  // PF_R | PF_W: a data segment
        file.le(0, 8)
        file.le(baseAddress, 8)
        file.le(baseAddress, 8)
        file.le(UInt64(total), 8)
        file.le(UInt64(total), 8)
        file.le(0x1000, 8)
        file.pad(to: firstSectionOffset)
        file += body
        guard withSectionHeaders else { return file }
        file += [UInt8](repeating: 0, count: 64)  // SHN_UNDEF
        for (index, section) in placed.enumerated() {
            _ = index
            file += sectionHeader(name: section.nameOffset, type: 1, offset: section.offset, size: section.size)
        }
        file += sectionHeader(name: shstrtabNameOffset, type: 3, offset: shstrtabOffset, size: names.count)
        return file
    }

    static func sectionHeader(name: Int, type: UInt64, offset: Int, size: Int) -> [UInt8] {
        var header: [UInt8] = []
        header.le(UInt64(name), 4)
        header.le(type, 4)
        header.le(2, 8)  // SHF_ALLOC
        header.le(baseAddress + UInt64(offset), 8)
        header.le(UInt64(offset), 8)
        header.le(UInt64(size), 8)
        header.le(0, 4)
        header.le(0, 4)
        header.le(16, 8)
        header.le(0, 8)
        return header
    }
}

/// Go build info blobs in both layouts the Go linker has used.
enum SyntheticGoBuildInfo {
    static let magic: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8)
    static let startSentinel: [UInt8] = [
        0x30, 0x77, 0xAF, 0x0C, 0x92, 0x74, 0x08, 0x02, 0x41, 0xE1, 0xC1, 0x07, 0xE6, 0xD6, 0x18, 0xE6,
    ]
    static let endSentinel: [UInt8] = [
        0xF9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xD8, 0xF2,
    ]

    static func wrapped(_ modinfo: String) -> [UInt8] {
        startSentinel + Array(modinfo.utf8) + endSentinel
    }

    static func varint(_ value: Int) -> [UInt8] {
        var out: [UInt8] = []
        var rest = UInt64(value)
        while rest >= 0x80 {
            out.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
        return out
    }

    /// Go ≥ 1.18: flags 2, strings inline after the 32-byte header.
    static func inline(goVersion: String, modinfo: String) -> [UInt8] {
        var blob = magic + [8, 2]
        blob.pad(to: 32)
        let mod = wrapped(modinfo)
        blob += varint(goVersion.utf8.count) + Array(goVersion.utf8) + varint(mod.count) + mod
        return blob
    }

    /// Go 1.13–1.17: two pointers to Go string headers. The blob must be placed at `SyntheticELF.firstSectionOffset`
    /// (the first section) so its addresses resolve.
    static func pointers(goVersion: String, modinfo: String) -> [UInt8] {
        let base = SyntheticELF.baseAddress + UInt64(SyntheticELF.firstSectionOffset)
        let mod = wrapped(modinfo)
        var blob = magic + [8, 0]
        blob.le(base + 32, 8)  // -> version string header
        blob.le(base + 48, 8)  // -> modinfo string header
        blob.le(base + 64, 8)  // version header: data, len
        blob.le(UInt64(goVersion.utf8.count), 8)
        blob.le(base + 64 + UInt64(goVersion.utf8.count), 8)  // modinfo header
        blob.le(UInt64(mod.count), 8)
        blob += Array(goVersion.utf8) + mod
        return blob
    }
}

/// ZIP archives built entry by entry with stored data, for hostile-input tests that need exact control of the
/// headers (declared sizes, methods, offsets).
struct TestZip {
    struct Entry {
        var name: String
        var data: [UInt8]
        var method: UInt16 = 0
        var declaredUncompressedSize: UInt32?
        var flags: UInt16 = 0
    }

    var entries: [Entry]

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let offset = out.count
            let name = Array(entry.name.utf8)
            let usize = entry.declaredUncompressedSize ?? UInt32(entry.data.count)
            out.le(0x0403_4B50, 4)
            out.le(20, 2)
            out.le(UInt64(entry.flags), 2)
            out.le(UInt64(entry.method), 2)
            out.le(0, 4)  // time, date
            out.le(0, 4)  // crc (not checked by the reader)
            out.le(UInt64(entry.data.count), 4)
            out.le(UInt64(usize), 4)
            out.le(UInt64(name.count), 2)
            out.le(0, 2)
            out += name + entry.data
            central.le(0x0201_4B50, 4)
            central.le(20, 2)
            central.le(20, 2)
            central.le(UInt64(entry.flags), 2)
            central.le(UInt64(entry.method), 2)
            central.le(0, 4)
            central.le(0, 4)
            central.le(UInt64(entry.data.count), 4)
            central.le(UInt64(usize), 4)
            central.le(UInt64(name.count), 2)
            central.le(0, 2)
            central.le(0, 2)
            central.le(0, 2)
            central.le(0, 2)
            central.le(0, 4)
            central.le(UInt64(offset), 4)
            central += name
        }
        let centralOffset = out.count
        out += central
        out.le(0x0605_4B50, 4)
        out.le(0, 4)
        out.le(UInt64(entries.count), 2)
        out.le(UInt64(entries.count), 2)
        out.le(UInt64(central.count), 4)
        out.le(UInt64(centralOffset), 4)
        out.le(0, 2)
        return out
    }
}

/// A raw DEFLATE stream of `1 + 258 * matches` zero bytes in one fixed-Huffman block: a literal 0 then
/// `matches` copies of <length 258, distance 1>, 13 bits each — a compact zip bomb built by hand.
enum DeflateBomb {
    static func zeros(matches: Int) -> [UInt8] {
        var writer = BitWriter()
        writer.bits(1, 1)  // BFINAL
        writer.bits(1, 2)  // BTYPE = fixed Huffman
        writer.code(0x30, 8)  // literal 0
        for _ in 0..<matches {
            writer.code(0xC5, 8)  // length symbol 285 = 258
            writer.code(0, 5)  // distance code 0 = 1
        }
        writer.code(0, 7)  // end of block (256)
        return writer.finish()
    }

    struct BitWriter {
        var out: [UInt8] = []
        var accumulator: UInt32 = 0
        var filled = 0

        /// `count` bits of `value`, least significant first (header fields).
        mutating func bits(_ value: UInt32, _ count: Int) {
            var index = 0
            while index < count {
                push((value >> UInt32(index)) & 1)
                index += 1
            }
        }

        /// A Huffman code, most significant bit first.
        mutating func code(_ value: UInt32, _ length: Int) {
            var index = length - 1
            while index >= 0 {
                push((value >> UInt32(index)) & 1)
                index -= 1
            }
        }

        mutating func push(_ bit: UInt32) {
            accumulator |= bit << UInt32(filled)
            filled += 1
            if filled == 8 {
                out.append(UInt8(accumulator))
                accumulator = 0
                filled = 0
            }
        }

        mutating func finish() -> [UInt8] {
            if filled > 0 { out.append(UInt8(accumulator)) }
            return out
        }
    }
}
