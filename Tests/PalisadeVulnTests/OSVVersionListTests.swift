import Testing

@testable import PalisadeVuln

/// The version list a store hands out stays encoded; it must answer exactly like the plain list.
@Suite struct OSVVersionListTests {
    static func encoded(_ versions: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for v in versions {
            var n = v.utf8.count
            while n >= 0x80 {
                out.append(UInt8(n & 0x7F) | 0x80)
                n >>= 7
            }
            out.append(UInt8(n))
            out.append(contentsOf: v.utf8)
        }
        return out
    }

    @Test func encodedListAnswersLikeThePlainOne() throws {
        let versions = ["1.0", "", "1.0.post1", String(repeating: "9", count: 200), "2.0-ü"]
        let packed = try #require(OSVVersionList(lengthPrefixedUTF8: Self.encoded(versions)))
        let plain = OSVVersionList(versions)
        #expect(packed == plain)
        #expect(packed.hashValue == plain.hashValue)
        #expect(packed.all == versions)
        #expect(packed.first == "1.0")
        for probe in versions + ["1", "1.0.post", "2.0-u", String(repeating: "9", count: 199)] {
            #expect(packed.contains(probe) == versions.contains(probe), "\(probe)")
        }
        #expect(OSVVersionList(lengthPrefixedUTF8: [])?.isEmpty == true)
        #expect(!packed.isEmpty)
    }

    @Test(arguments: [[UInt8]([5, 0x41]), [0x80], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], [1, 0x41, 3]])
    func truncatedOrAbsurdLengthsAreRefused(_ bytes: [UInt8]) {
        #expect(OSVVersionList(lengthPrefixedUTF8: bytes) == nil)
    }
}
