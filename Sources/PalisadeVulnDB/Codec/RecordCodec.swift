import PalisadeVuln

/// The compact binary form of advisory headers and `affected[]` entries stored in the database: a version byte, then
/// fields in a fixed order, strings and lists length-prefixed (LEB128). Decoding a few hundred bytes per candidate is
/// far cheaper than JSON, and every length is checked so a corrupt blob becomes an error, never a crash.
enum RecordCodec {
    static let version: UInt8 = 1

    static func encode(header: AdvisoryHeader) -> [UInt8] {
        var w = ByteWriter()
        w.byte(version)
        w.string(header.id)
        w.strings(header.aliases)
        w.optional(header.summary)
        w.optional(header.published)
        w.string(header.modified)
        w.severities(header.severity)
        w.optional(header.databaseSeverity)
        w.strings(header.references)
        return w.bytes
    }

    static func decodeHeader(_ bytes: UnsafeRawBufferPointer) throws(CodecError) -> AdvisoryHeader {
        var r = ByteReader(bytes)
        guard try r.byte() == version else { throw CodecError("unknown header encoding") }
        let id = try r.string()
        let aliases = try r.strings()
        let summary = try r.optional()
        let published = try r.optional()
        let modified = try r.string()
        let severity = try r.severities()
        let databaseSeverity = try r.optional()
        let references = try r.strings()
        return AdvisoryHeader(
            id: id, aliases: aliases, summary: summary, published: published, modified: modified, severity: severity,
            databaseSeverity: databaseSeverity, references: references)
    }

    static func encode(affected: OSVAffected) -> [UInt8] {
        var w = ByteWriter()
        w.byte(version)
        w.string(affected.ecosystem)
        w.string(affected.name)
        w.optional(affected.purl)
        w.count(affected.ranges.count)
        for range in affected.ranges {
            switch range.kind {
            case .ecosystem: w.byte(0)
            case .semver: w.byte(1)
            case .git: w.byte(2)
            case .other(let name):
                w.byte(3)
                w.string(name)
            }
            w.count(range.events.count)
            for event in range.events {
                switch event {
                case .introduced: w.byte(0)
                case .fixed: w.byte(1)
                case .lastAffected: w.byte(2)
                case .limit: w.byte(3)
                }
                w.string(event.version)
            }
        }
        w.strings(affected.versions.all)
        w.severities(affected.severity)
        return w.bytes
    }

    static func decodeAffected(_ bytes: UnsafeRawBufferPointer) throws(CodecError) -> OSVAffected {
        var r = ByteReader(bytes)
        guard try r.byte() == version else { throw CodecError("unknown affected encoding") }
        let ecosystem = try r.string()
        let name = try r.string()
        let purl = try r.optional()
        let rangeCount = try r.count()
        var ranges: [OSVRange] = []
        ranges.reserveCapacity(rangeCount)
        for _ in 0..<rangeCount {
            let kind: OSVRange.Kind
            switch try r.byte() {
            case 0: kind = .ecosystem
            case 1: kind = .semver
            case 2: kind = .git
            case 3: kind = .other(try r.string())
            default: throw CodecError("bad range kind")
            }
            let eventCount = try r.count()
            var events: [OSVEvent] = []
            events.reserveCapacity(eventCount)
            for _ in 0..<eventCount {
                let tag = try r.byte()
                let version = try r.string()
                switch tag {
                case 0: events.append(.introduced(version))
                case 1: events.append(.fixed(version))
                case 2: events.append(.lastAffected(version))
                case 3: events.append(.limit(version))
                default: throw CodecError("bad event kind")
                }
            }
            ranges.append(OSVRange(kind: kind, events: events))
        }
        // The version list stays encoded: scans only ask whether it lists the installed version.
        guard let versions = OSVVersionList(lengthPrefixedUTF8: try r.lengthPrefixedStrings()) else {
            throw CodecError("bad version list")
        }
        let severity = try r.severities()
        return OSVAffected(
            ecosystem: ecosystem, name: name, purl: purl, ranges: ranges, listedVersions: versions, severity: severity)
    }
}

struct CodecError: Error, Sendable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

struct ByteWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func count(_ value: Int) {
        var v = UInt64(value)
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional(_ value: String?) {
        if let value {
            byte(1)
            string(value)
        } else {
            byte(0)
        }
    }

    mutating func strings(_ values: [String]) {
        count(values.count)
        for v in values { string(v) }
    }

    mutating func severities(_ values: [OSVSeverity]) {
        count(values.count)
        for v in values {
            string(v.type)
            string(v.score)
        }
    }
}

struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func byte() throws(CodecError) -> UInt8 {
        guard offset < bytes.count else { throw CodecError("truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A length or count, never more than the bytes left (each counted item takes at least one byte).
    mutating func count() throws(CodecError) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            value |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
            guard shift < 35 else { throw CodecError("bad length") }
        }
        guard value <= UInt64(bytes.count - offset) else { throw CodecError("length past end") }
        return Int(value)
    }

    mutating func string() throws(CodecError) -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
    }

    mutating func optional() throws(CodecError) -> String? {
        switch try byte() {
        case 0: return nil
        case 1: return try string()
        default: throw CodecError("bad optional flag")
        }
    }

    mutating func strings() throws(CodecError) -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    /// A string list's items as stored (each length-prefixed), without building strings.
    mutating func lengthPrefixedStrings() throws(CodecError) -> [UInt8] {
        let n = try count()
        let start = offset
        for _ in 0..<n { offset += try count() }
        return Array(bytes[start..<offset])
    }

    mutating func severities() throws(CodecError) -> [OSVSeverity] {
        let n = try count()
        var out: [OSVSeverity] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(OSVSeverity(type: try string(), score: try string())) }
        return out
    }
}
