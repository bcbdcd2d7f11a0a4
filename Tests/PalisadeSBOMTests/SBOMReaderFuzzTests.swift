import PalisadeSBOM
import SeededRandom
import Testing

/// Truncations and byte mutations of real SBOMs must give a value or an SBOMReadError, never a
/// crash or a hang. A fixed-seed generator keeps failures reproducible.
@Suite struct SBOMReaderFuzzTests {
    @Test(arguments: ["trivy-0.76.0-bookworm.cdx.json", "trivy-0.76.0-bookworm.spdx.json"])
    func mutationsNeverCrash(name: String) throws {
        let original = try SBOMReaderSupport.fixture(name)
        var rng = SplitMix64(seed: 0x5EED)
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
