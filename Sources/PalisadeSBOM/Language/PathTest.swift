/// Byte-level path tests for `wants(path:size:isExecutable:)`, which runs for every file of every layer: comparing
/// UTF-8 views avoids `String`'s grapheme-aware `hasSuffix`.
enum PathTest {
    static func hasSuffix(_ path: String, _ suffix: StaticString) -> Bool {
        let tail = UnsafeRawBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
        let utf8 = path.utf8
        guard utf8.count >= tail.count else { return false }
        return utf8.suffix(tail.count).elementsEqual(tail)
    }

    static func contains(_ path: String, _ needle: StaticString) -> Bool {
        let pattern = UnsafeRawBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        let bytes = Array(path.utf8)
        guard bytes.count >= pattern.count, let first = pattern.first else { return false }
        var index = 0
        while index + pattern.count <= bytes.count {
            if bytes[index] == first && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }

    /// The last path component (after the final `/`).
    static func baseName(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Substring(path) }
        return path[path.utf8.index(after: slash)...]
    }
}

extension PathTest {
    /// The part of `path` after the last occurrence of `marker`, or the whole path if absent.
    static func afterLast(_ path: String, _ marker: StaticString) -> String {
        let pattern = Array(UnsafeRawBufferPointer(start: marker.utf8Start, count: marker.utf8CodeUnitCount))
        let bytes = Array(path.utf8)
        var index = bytes.count - pattern.count
        while index >= 0 {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                return String(decoding: bytes[(index + pattern.count)...], as: UTF8.self)
            }
            index -= 1
        }
        return path
    }
}
