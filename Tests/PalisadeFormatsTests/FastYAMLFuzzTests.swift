import PalisadeCore
import Testing

@testable import PalisadeFormats

/// Mutated inputs: the fast parser never crashes or hangs, and whenever it does not bail its
/// tree is libyaml's (so it bails on everything libyaml rejects).
@Suite("Fast YAML parser fuzzing")
struct FastYAMLFuzzTests {
    static let seeds: [String] =
        [
            YAMLFuzzTests.seed,
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cfg
              annotations:
                a.b/c: "x: y # z"
                empty:
            data:
              script: |
                #!/bin/sh
                echo "hi"   # not a comment

                  indented
              folded: >-
                one
                two
              list:
              - a
              -
              - - b
                - 'c''d'
              plain: multi
                line words
              json: {"k": [1, 2.5, true, null], "o": {}}
            ...

            """,
            "{\n\t\"apiVersion\": \"v1\",\n\t\"items\": [\n\t\t{\"a\": \"\\u00e9\\n\"},\n\t\t[]\n\t]\n}\n",
        ] + FastYAMLDifferentialTests.fastSnippets

    static let interesting: [UInt8] =
        Array("-:[]{}&*!|>'\"#%@`,?\n\r\t \\0123456789abc.~".utf8) + [0, 0xFF, 0xC3, 0xA9, 0x80]

    @Test("mutated inputs: fast trees equal libyaml's", arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func mutations(seed: UInt64) {
        var rng = YAMLFuzzTests.Rng(state: 0x9E37_79B9_7F4A_7C15 &* seed)
        var fast = 0
        var bailed = 0
        for round in 0..<3_000 {
            var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
            if bytes.isEmpty { bytes = [0x61] }
            for _ in 0..<(1 + rng.below(4)) {
                switch rng.below(5) {
                case 0: bytes[rng.below(bytes.count)] = Self.interesting[rng.below(Self.interesting.count)]
                case 1, 2:
                    bytes.insert(Self.interesting[rng.below(Self.interesting.count)], at: rng.below(bytes.count + 1))
                case 3: if bytes.count > 1 { bytes.remove(at: rng.below(bytes.count)) }
                default: bytes = Array(bytes.prefix(rng.below(bytes.count + 1)))
                }
                if bytes.isEmpty { bytes = [0x61] }
            }
            switch FastYAMLDiff.compare(bytes) {
            case .same: fast += 1
            case .bailed: bailed += 1
            case .different(let d):
                Issue.record("\(String(decoding: bytes, as: UTF8.self).debugDescription): \(d)")
            }
        }
        #expect(fast > 0)
        print("fast YAML fuzz seed \(seed): \(fast) fast, \(bailed) bailed")
    }

    @Test("random byte strings never crash the fast parser")
    func randomBytes() {
        var rng = YAMLFuzzTests.Rng(state: 7)
        for _ in 0..<3_000 {
            let bytes = (0..<rng.below(80)).map { _ in Self.interesting[rng.below(Self.interesting.count)] }
            if case .different(let d) = FastYAMLDiff.compare(bytes) {
                Issue.record("\(bytes): \(d)")
            }
        }
    }
}
