import PalisadeSBOM
import Testing

/// Truncations and byte mutations of real SBOMs must give a value or an SBOMReadError, never a
/// crash or a hang. A fixed-seed generator keeps failures reproducible.
@Suite struct SBOMReaderFuzzTests {
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: ["trivy-0.76.0-bookworm.cdx.json", "trivy-0.76.0-bookworm.spdx.json"])
    func mutationsNeverCrash(name: String) throws {
        let original = try SBOMReaderSupport.fixture(name)
        var rng = SplitMix64(state: 0x5EED)
        var read = 0
        var failed = 0
        let interesting: [UInt8] = Array("{}[]\":,0\\ \nnull".utf8)
        for round in 0..<150 {
            var bytes = original
            if round % 3 == 0 {
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            } else {
                for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
                    let at = Int.random(in: 0..<bytes.count, using: &rng)
                    bytes[at] =
                        round % 2 == 0
                        ? interesting[Int.random(in: 0..<interesting.count, using: &rng)]
                        : UInt8.random(in: 0...255, using: &rng)
                }
            }
            do {
                _ = try SBOMReaderSupport.read(bytes)
                read += 1
            } catch {
                failed += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(read + failed == 150)
        #expect(failed > 0, "truncation must produce errors")
    }
}
