import PalisadeFormats

/// Where each member of an uncompressed tar file lies, found by hopping from header to header
/// with `pread` (the data is skipped, not read), so `oci-archive:` and `docker-archive:` blobs
/// are read in place: nothing is extracted to disk.
struct TarFileIndex {
    struct Entry {
        var offset: Int64
        var size: Int64
        var isRegular: Bool
        var linkTarget: String
    }

    let file: SharedFile
    private(set) var entries: [String: Entry] = [:]
    static let maxEntries = 1_000_000

    init(path: String, stopAfterNames: Set<String> = []) throws(ImageError) {
        try self.init(file: SharedFile(path: path), stopAfterNames: stopAfterNames)
    }

    init(file: SharedFile, stopAfterNames: Set<String> = []) throws(ImageError) {
        self.file = file
        var offset: Int64 = 0
        var longName: String?
        var paxPath: String?
        var paxSize: Int64?
        var header = [UInt8](repeating: 0, count: 512)
        var count = 0
        var pendingStop = stopAfterNames
        while offset + 512 <= file.size {
            let got = header.withUnsafeMutableBytes { b in SharedFile.rawRead(file.fd, b.baseAddress!, 512, offset) }
            guard got == 512 else { break }
            if header.allSatisfy({ $0 == 0 }) { break }
            guard Self.checksumOK(header) else {
                throw ImageError(.malformed, "\(file.path): not a tar archive (bad header checksum at byte \(offset))")
            }
            let typeflag = header[156]
            guard var size = Self.number(header[124..<136]) else {
                throw ImageError(.malformed, "\(file.path): bad size field at byte \(offset)")
            }
            if let s = paxSize { size = s }
            guard size >= 0, offset + 512 + size <= file.size else {
                throw ImageError(.malformed, "\(file.path): truncated archive (member at byte \(offset))")
            }
            let dataOffset = offset + 512
            switch typeflag {
            case UInt8(ascii: "L"):
                longName = Self.string(
                    try file.readAll(offset: dataOffset, length: size, cap: 1 << 20, what: file.path)[...])
            case UInt8(ascii: "x"):
                let rec = try file.readAll(offset: dataOffset, length: size, cap: 1 << 20, what: file.path)
                (paxPath, paxSize) = Self.pax(rec)
            case UInt8(ascii: "g"):
                break
            default:
                var name = Self.string(header[0..<100])
                let magic = header[257..<262]
                if magic.elementsEqual("ustar".utf8) {
                    let prefix = Self.string(header[345..<500])
                    if !prefix.isEmpty { name = prefix + "/" + name }
                }
                if let l = longName { name = l }
                if let p = paxPath { name = p }
                let key = TarEntry.normalize(name).path
                let link = Self.string(header[157..<257])
                entries[key] = Entry(
                    offset: dataOffset, size: size, isRegular: typeflag == 0 || typeflag == UInt8(ascii: "0"),
                    linkTarget: link)
                longName = nil
                paxPath = nil
                paxSize = nil
                count += 1
                if count > Self.maxEntries {
                    throw ImageError(.limitExceeded, "\(file.path): more than \(Self.maxEntries) archive members")
                }
                if pendingStop.remove(key) != nil, pendingStop.isEmpty { return }
            }
            offset = dataOffset + (size + 511) / 512 * 512
        }
    }

    func entry(_ name: String) -> Entry? {
        guard var e = entries[TarEntry.normalize(name).path] else { return nil }
        // docker save writes repeated layers as symlinks to the first copy.
        var hops = 0
        while !e.isRegular, !e.linkTarget.isEmpty, hops < 8 {
            let base = TarEntry.normalize(name).path.split(separator: "/").dropLast().joined(separator: "/")
            let target = e.linkTarget.hasPrefix("/") ? e.linkTarget : (base.isEmpty ? "" : base + "/") + e.linkTarget
            guard let next = entries[TarEntry.normalize(target).path] else { return nil }
            e = next
            hops += 1
        }
        return e.isRegular ? e : nil
    }

    private static func checksumOK(_ h: [UInt8]) -> Bool {
        var sum = 0
        for i in 0..<512 { sum += (i >= 148 && i < 156) ? 32 : Int(h[i]) }
        guard let stored = number(h[148..<156]) else { return false }
        return Int64(sum) == stored
    }

    static func number(_ field: ArraySlice<UInt8>) -> Int64? {
        guard let first = field.first else { return nil }
        if first & 0x80 != 0 {
            var v: Int64 = Int64(first & 0x7f)
            for b in field.dropFirst() {
                guard v < (Int64.max >> 8) else { return nil }
                v = v << 8 | Int64(b)
            }
            return v
        }
        var v: Int64 = 0
        var seen = false
        for b in field {
            if b == 0 || b == 32 {
                if seen { break } else { continue }
            }
            guard b >= 48 && b <= 55 else { return nil }
            guard v < (Int64.max >> 3) else { return nil }
            v = v * 8 + Int64(b - 48)
            seen = true
        }
        return v
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    private static func pax(_ rec: [UInt8]) -> (String?, Int64?) {
        var path: String?
        var size: Int64?
        var i = 0
        while i < rec.count {
            var j = i
            var len = 0
            while j < rec.count, rec[j] >= 48, rec[j] <= 57, len < 1 << 24 {
                len = len * 10 + Int(rec[j] - 48)
                j += 1
            }
            guard len > 0, i + len <= rec.count, j < rec.count, rec[j] == 32 else { break }
            let body = rec[(j + 1)..<(i + len - 1)]
            if let eq = body.firstIndex(of: UInt8(ascii: "=")) {
                let key = String(decoding: body[body.startIndex..<eq], as: UTF8.self)
                let value = String(decoding: body[(eq + 1)...], as: UTF8.self)
                if key == "path" { path = value }
                if key == "size" { size = Int64(value) }
            }
            i += len
        }
        return (path, size)
    }
}
