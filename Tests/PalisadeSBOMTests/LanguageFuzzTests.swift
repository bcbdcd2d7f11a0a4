import SeededRandom
import Testing

@testable import PalisadeSBOM

/// Random and mutated bytes through every cataloger: any result or `CatalogError` is fine, a crash or hang is not.
@Suite("Language: fuzz")
struct LanguageFuzzTests {
    /// A path each cataloger wants, so the whole parser runs.
    static let paths = [
        "/x/a.dist-info/METADATA", "/x/node_modules/a/package.json", "/x/package-lock.json", "/x/yarn.lock",
        "/x/pnpm-lock.yaml", "/bin/app", "/x/Cargo.lock", "/x/a-1.0.jar", "/g/specifications/a.gemspec",
        "/x/composer.lock", "/x/a.deps.json",
    ]

    @Test func randomBytesNeverCrash() throws {
        var random = SplitMix64(seed: 0x5EED)
        for round in 0..<300 {
            let length = Int(random.next() % 4_096)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            // Give the binary parsers a real magic number now and then.
            if round % 3 == 0 && bytes.count > 64 { bytes.replaceSubrange(0..<4, with: [0x7F, 0x45, 0x4C, 0x46]) }
            if round % 3 == 1 && bytes.count > 64 {
                bytes.replaceSubrange(32..<46, with: SyntheticGoBuildInfo.magic)
            }
            if round % 5 == 2 && bytes.count > 22 {
                bytes.replaceSubrange((bytes.count - 22)..<(bytes.count - 18), with: [0x50, 0x4B, 0x05, 0x06])
            }
            runEverywhere(bytes)
        }
    }

    @Test func mutatedRealInputsNeverCrash() throws {
        let seeds: [[UInt8]] = [
            try LanguageFixture.bytes("rust/auditable-app"),
            try LanguageFixture.bytes("java/shop-1.0.0.war"),
            try LanguageFixture.bytes("python/PyYAML-6.0.dist-info/METADATA"),
            SyntheticELF.build(sections: [
                (".go.buildinfo", SyntheticGoBuildInfo.pointers(goVersion: "go1.16", modinfo: "mod\ta\tv1\n"))
            ]),
        ]
        var random = SplitMix64(seed: 42)
        for seed in seeds {
            for _ in 0..<60 {
                var bytes = seed
                for _ in 0..<(1 + Int(random.next() % 8)) {
                    let index = Int(random.next() % UInt64(bytes.count))
                    bytes[index] = UInt8(truncatingIfNeeded: random.next())
                }
                if random.next() % 4 == 0 { bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count)))) }
                runEverywhere(bytes)
            }
        }
    }

    private func runEverywhere(_ bytes: [UInt8]) {
        for cataloger in LanguageCatalogers.all {
            for path in Self.paths
            where cataloger.wants(path: path, size: bytes.count, isExecutable: path == "/bin/app") {
                _ = try? catalog(cataloger, path: path, bytes)
            }
        }
    }
}
