/// An `affected[].versions` list. Databases enumerate hundreds of versions per package (PyPA,
/// GHSA) but a scan only asks whether the installed one is listed, so a list read from the
/// advisory store stays in its stored bytes and `contains` compares bytes, never building strings.
public struct OSVVersionList: Sendable, Hashable, ExpressibleByArrayLiteral {
    private enum Storage: Sendable {
        case strings([String])
        /// Each version as a LEB128 length followed by its UTF-8 bytes, back to back.
        case lengthPrefixed([UInt8])
    }

    private let storage: Storage

    public init(_ versions: [String]) { storage = .strings(versions) }

    public init(arrayLiteral versions: String...) { storage = .strings(versions) }

    /// Versions encoded back to back, each as a LEB128 byte count and its UTF-8 bytes. Returns nil
    /// when a length runs past the end (a corrupt blob).
    public init?(lengthPrefixedUTF8 bytes: [UInt8]) {
        var i = 0
        while i < bytes.count {
            guard let (length, next) = Self.length(bytes, at: i), next + length <= bytes.count else { return nil }
            i = next + length
        }
        storage = .lengthPrefixed(bytes)
    }

    public var isEmpty: Bool {
        switch storage {
        case .strings(let s): s.isEmpty
        case .lengthPrefixed(let b): b.isEmpty
        }
    }

    /// Every listed version, in the advisory's order.
    public var all: [String] {
        switch storage {
        case .strings(let s): return s
        case .lengthPrefixed(let bytes):
            var out: [String] = []
            var i = 0
            while i < bytes.count, let (length, next) = Self.length(bytes, at: i) {
                out.append(String(decoding: bytes[next..<next + length], as: UTF8.self))
                i = next + length
            }
            return out
        }
    }

    public var first: String? { all.first }

    public func contains(_ version: String) -> Bool {
        switch storage {
        case .strings(let s):
            return s.contains(version)
        case .lengthPrefixed(let bytes):
            var version = version
            return version.withUTF8 { target in
                bytes.withUnsafeBufferPointer { b in
                    var i = 0
                    while i < b.count, let (length, next) = Self.length(bytes, at: i) {
                        if length == target.count
                            && (length == 0
                                || memcmpEqual(b.baseAddress! + next, target.baseAddress!, length))
                        {
                            return true
                        }
                        i = next + length
                    }
                    return false
                }
            }
        }
    }

    public static func == (a: OSVVersionList, b: OSVVersionList) -> Bool { a.all == b.all }

    public func hash(into hasher: inout Hasher) { hasher.combine(all) }

    /// The LEB128 length at `i` and the index after it; nil when truncated or absurd.
    private static func length(_ bytes: [UInt8], at start: Int) -> (Int, Int)? {
        var value = 0
        var shift = 0
        var i = start
        while i < bytes.count, shift < 35 {
            let b = bytes[i]
            value |= Int(b & 0x7F) << shift
            i += 1
            if b & 0x80 == 0 { return (value, i) }
            shift += 7
        }
        return nil
    }
}

private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    for k in 0..<count where a[k] != b[k] { return false }
    return true
}
