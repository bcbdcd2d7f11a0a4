/// The build information the Go linker embeds in every binary built with modules (Go ≥ 1.13): the Go version and
/// the `modinfo` text (`path`, `mod`, `dep`, `=>`, `build` lines). It sits behind the 16-byte-aligned magic
/// `\xff Go buildinf:` followed by pointer size and flags. Go ≥ 1.18 stores both strings inline as
/// varint-length-prefixed bytes (flags & 2); older binaries store two pointers to Go string headers, which are
/// resolved through the ELF segments. Mirrors `debug/buildinfo` in the Go standard library.
struct GoBuildInfo: Equatable {
    struct Module: Equatable {
        var path: String
        var version: String
        /// The `=>` replacement, if any (a local directory replacement has an empty version).
        var replacement: (path: String, version: String)?

        static func == (lhs: Module, rhs: Module) -> Bool {
            lhs.path == rhs.path && lhs.version == rhs.version && lhs.replacement?.path == rhs.replacement?.path
                && lhs.replacement?.version == rhs.replacement?.version
        }
    }

    enum ParseError: Error, Equatable {
        case noBuildInfo
        case malformed(String)
    }

    var goVersion: String
    /// The main package's import path (`path` line).
    var mainPackagePath: String?
    var main: Module?
    var dependencies: [Module]
    /// `build` lines (`GOOS=linux`, `GOARCH=amd64`, `-ldflags=…`), in order.
    var settings: [(key: String, value: String)]

    static func == (lhs: GoBuildInfo, rhs: GoBuildInfo) -> Bool {
        lhs.goVersion == rhs.goVersion && lhs.mainPackagePath == rhs.mainPackagePath && lhs.main == rhs.main
            && lhs.dependencies == rhs.dependencies && lhs.settings.map(\.key) == rhs.settings.map(\.key)
            && lhs.settings.map(\.value) == rhs.settings.map(\.value)
    }

    static let headerSize = 32
    /// Longest version or modinfo string accepted; real modinfo is a few KiB to a few hundred KiB.
    static let maxStringLength = 16 << 20
    static let maxModules = 100_000

    /// Finds and parses build info where `debug/buildinfo` looks: in an ELF file, the `.go.buildinfo` section, or
    /// when sections are stripped, the writable data segments; in anything else (Mach-O, PE, or an ELF whose
    /// headers do not parse) every byte is searched for the magic. ELF files without either are not Go binaries
    /// and cost only the header parse.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(ParseError) -> GoBuildInfo {
        let elf = try? ELFFile(bytes)
        var ranges: [Range<Int>] = []
        if let elf {
            if let section = elf.section(named: ".go.buildinfo") {
                ranges = [section.offset..<(section.offset + section.size)]
            } else if elf.sections.isEmpty {
                ranges = elf.segments.filter(\.isWritableData).map { $0.offset..<($0.offset + $0.fileSize) }
            }
        } else {
            ranges = [0..<bytes.count]
        }
        var candidates: [Int] = []
        for range in ranges {
            let window = UnsafeRawBufferPointer(rebasing: bytes[range])
            var from = 0
            while candidates.count < 8, let hit = ByteSearch.find(rawMagic, in: window, from: from) {
                candidates.append(range.lowerBound + hit)
                from = hit + 1
            }
        }
        var lastError = ParseError.noBuildInfo
        for offset in candidates {
            do {
                return try parse(bytes, headerAt: offset, elf: elf)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    /// The 14 magic bytes: 0xFF then " Go buildinf:".
    static let rawMagic: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8)

    private static func parse(_ bytes: UnsafeRawBufferPointer, headerAt offset: Int, elf: ELFFile?) throws(ParseError)
        -> GoBuildInfo
    {
        guard offset <= bytes.count - headerSize else { throw .malformed("truncated header") }
        let pointerSize = Int(bytes[offset + 14])
        let flags = bytes[offset + 15]
        let version: String
        let modinfo: [UInt8]
        if flags & 2 != 0 {
            var cursor = offset + headerSize
            version = ByteText.decode(try readVarintString(bytes, &cursor))
            modinfo = try readVarintString(bytes, &cursor)
        } else {
            guard pointerSize == 4 || pointerSize == 8 else { throw .malformed("pointer size \(pointerSize)") }
            guard let elf else { throw .malformed("pointer-format build info outside ELF") }
            let bigEndian = flags & 1 != 0
            version = ByteText.decode(try readPointedString(bytes, elf, at: offset + 16, pointerSize, bigEndian))
            modinfo = try readPointedString(bytes, elf, at: offset + 16 + pointerSize, pointerSize, bigEndian)
        }
        guard version.hasPrefix("go") || version.hasPrefix("devel") else { throw .malformed("no Go version") }
        var info = GoBuildInfo(goVersion: version, dependencies: [], settings: [])
        info.readModinfo(stripSentinels(modinfo))
        return info
    }

    /// Uvarint (LEB128) length then that many bytes; rejects overlong varints and lengths past the file.
    static func readVarintString(_ bytes: UnsafeRawBufferPointer, _ cursor: inout Int) throws(ParseError) -> [UInt8] {
        var length: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard cursor < bytes.count else { throw .malformed("truncated varint") }
            let byte = bytes[cursor]
            cursor += 1
            guard shift < 63 || (shift == 63 && byte <= 1) else { throw .malformed("varint overflow") }
            length |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard length <= UInt64(maxStringLength), length <= UInt64(bytes.count - cursor) else {
            throw .malformed("string length \(length) past end")
        }
        let start = cursor
        cursor += Int(length)
        return Array(bytes[start..<cursor])
    }

    private static func readPointedString(
        _ bytes: UnsafeRawBufferPointer, _ elf: ELFFile, at offset: Int, _ pointerSize: Int, _ bigEndian: Bool
    ) throws(ParseError) -> [UInt8] {
        guard let headerAddress = ByteSearch.uint(bytes, at: offset, width: pointerSize, bigEndian: bigEndian),
            let header = elf.fileOffset(ofAddress: headerAddress, count: 2 * pointerSize),
            let dataAddress = ByteSearch.uint(bytes, at: header, width: pointerSize, bigEndian: bigEndian),
            let length = ByteSearch.uint(bytes, at: header + pointerSize, width: pointerSize, bigEndian: bigEndian)
        else { throw .malformed("unresolvable string pointer") }
        guard length <= UInt64(maxStringLength) else { throw .malformed("string too long") }
        if length == 0 { return [] }
        guard let data = elf.fileOffset(ofAddress: dataAddress, count: Int(length)) else {
            throw .malformed("unresolvable string data")
        }
        return Array(bytes[data..<(data + Int(length))])
    }

    /// The linker wraps modinfo in 16-byte sentinels (not valid UTF-8, so this works on bytes); the text is what
    /// lies between them.
    static func stripSentinels(_ modinfo: [UInt8]) -> String {
        guard modinfo.count >= 33, modinfo[modinfo.count - 17] == UInt8(ascii: "\n") else {
            return ByteText.decode(modinfo)
        }
        return ByteText.decode(modinfo[16..<(modinfo.count - 16)])
    }

    private mutating func readModinfo(_ text: String) {
        var modules = 0
        for line in TextLines.split(text) where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let kind = fields.first else { continue }
            switch kind {
            case "go" where fields.count >= 2 && goVersion.isEmpty: goVersion = fields[1]
            case "path" where fields.count >= 2: mainPackagePath = fields[1]
            case "mod" where fields.count >= 2:
                main = Module(path: fields[1], version: fields.count >= 3 ? fields[2] : "")
            case "dep" where fields.count >= 3:
                modules += 1
                guard modules <= Self.maxModules else { return }
                dependencies.append(Module(path: fields[1], version: fields[2]))
            case "=>" where fields.count >= 2:
                let replacement = (path: fields[1], version: fields.count >= 3 ? fields[2] : "")
                if dependencies.isEmpty {
                    main?.replacement = replacement
                } else {
                    dependencies[dependencies.count - 1].replacement = replacement
                }
            case "build" where fields.count >= 2:
                let setting = fields[1...].joined(separator: "\t")
                if let equals = setting.firstIndex(of: "=") {
                    settings.append((String(setting[..<equals]), String(setting[setting.index(after: equals)...])))
                }
            default: continue
            }
        }
    }
}
