import SeededRandom
import Testing

@testable import PalisadeVuln

/// Expected CVSS-B scores: the FIRST v4.0 calculator's default example (9.3) and scores computed
/// by the RedHatProductSecurity `cvss` Python library 3.6, whose v4.0 scorer is a port of the FIRST
/// reference implementation (cvss_score.js) tested against FIRST's published score sets.
struct CVSSv4Case: Sendable, CustomTestStringConvertible {
    let vector: String
    let score: Double
    var testDescription: String { vector }
}

let cvssV4Cases: [CVSSv4Case] = [
    .init(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", score: 9.3),
    .init(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", score: 10.0),
    .init(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", score: 6.9),
    .init(vector: "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", score: 8.5),
    .init(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", score: 5.3),
    .init(vector: "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", score: 1.0),
    .init(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", score: 0.0),
    .init(vector: "CVSS:4.0/AV:A/AC:L/AT:N/PR:H/UI:N/VC:L/VI:H/VA:N/SC:N/SI:N/SA:H", score: 8.2),
    .init(vector: "CVSS:4.0/AV:A/AC:H/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:L/SI:H/SA:H", score: 5.6),
    .init(vector: "CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:L/SA:L", score: 6.3),
    .init(vector: "CVSS:4.0/AV:P/AC:H/AT:N/PR:L/UI:N/VC:N/VI:H/VA:H/SC:H/SI:L/SA:L", score: 5.9),
    .init(vector: "CVSS:4.0/AV:A/AC:H/AT:P/PR:H/UI:A/VC:H/VI:L/VA:N/SC:N/SI:H/SA:H", score: 5.8),
    .init(vector: "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:A/VC:H/VI:H/VA:N/SC:N/SI:H/SA:L", score: 6.8),
    .init(vector: "CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:N/VI:L/VA:N/SC:H/SI:N/SA:N", score: 6.9),
    .init(vector: "CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:P/VC:H/VI:L/VA:N/SC:L/SI:H/SA:L", score: 7.0),
    .init(vector: "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:L/SC:N/SI:N/SA:H", score: 4.6),
    .init(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:N/VA:H/SC:H/SI:L/SA:N", score: 8.4),
    .init(vector: "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:N/SC:L/SI:L/SA:N", score: 7.0),
    .init(vector: "CVSS:4.0/AV:L/AC:H/AT:N/PR:H/UI:A/VC:N/VI:L/VA:H/SC:H/SI:H/SA:N", score: 5.8),
    .init(vector: "CVSS:4.0/AV:A/AC:L/AT:P/PR:H/UI:P/VC:H/VI:H/VA:H/SC:N/SI:L/SA:H", score: 6.9),
    .init(vector: "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:H/SC:N/SI:L/SA:H", score: 5.7),
    .init(vector: "CVSS:4.0/AV:P/AC:H/AT:P/PR:N/UI:A/VC:L/VI:N/VA:H/SC:L/SI:L/SA:L", score: 4.3),
    .init(vector: "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:L/VI:N/VA:H/SC:N/SI:H/SA:H", score: 7.2),
    .init(vector: "CVSS:4.0/AV:A/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:H/SC:L/SI:H/SA:H", score: 8.4),
    .init(vector: "CVSS:4.0/AV:L/AC:H/AT:N/PR:L/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N", score: 2.0),
    .init(vector: "CVSS:4.0/AV:L/AC:H/AT:N/PR:H/UI:N/VC:L/VI:L/VA:L/SC:H/SI:N/SA:N", score: 4.0),
    .init(vector: "CVSS:4.0/AV:A/AC:H/AT:P/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:L/SA:L", score: 5.9),
    .init(vector: "CVSS:4.0/AV:A/AC:L/AT:P/PR:L/UI:P/VC:N/VI:H/VA:N/SC:H/SI:L/SA:L", score: 5.8),
    .init(vector: "CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:A/VC:H/VI:L/VA:N/SC:H/SI:N/SA:L", score: 5.7),
    // Threat, environmental and supplemental metrics are accepted and leave CVSS-B unchanged
    // (the same vector's CVSS-BTE would be 3.7).
    .init(
        vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L/MAV:P/S:P/AU:Y/U:Red",
        score: 9.3),
    // Metrics out of order.
    .init(vector: "CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N", score: 9.3),
]

@Suite struct CVSSv4Tests {
    @Test(arguments: cvssV4Cases)
    func scoresVector(_ item: CVSSv4Case) throws {
        let parsed = try #require(CVSSv4(vector: item.vector))
        #expect(parsed.baseScore == item.score)
        #expect(parsed.severity == CVSSSeverity(score: item.score))
        let viaFacade = try #require(CVSS.baseScore(vector: item.vector))
        #expect(viaFacade.score == item.score)
        #expect(viaFacade.version == "4.0")
    }

    @Test func lookupTableHasAll270MacroVectors() {
        #expect(CVSSv4Tables.macroVectorScores.count == 270)
        #expect(CVSSv4Tables.macroVectorScores["000000"] == 10.0)
        #expect(CVSSv4Tables.macroVectorScores["212221"] == 0.1)
    }

    @Test(arguments: [
        "",
        "CVSS:4.0/",
        "CVSS:4.0",
        "CVSS:4.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        // Missing AT.
        "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        // Duplicate.
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SA:N",
        // Unknown values.
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:F",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red",
        // Unknown metric, and a v3-only metric.
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/XX:N",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/RL:O",
        // Empty segment, trailing slash.
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/",
        "CVSS:4.0/AV:N//AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        // A v3.1 vector is not a v4.0 vector.
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    ])
    func rejectsMalformed(_ vector: String) {
        #expect(CVSSv4(vector: vector) == nil)
        #expect(vector.hasPrefix("CVSS:3.1/") || CVSS.baseScore(vector: vector) == nil)
    }
}

@Suite struct CVSSSeverityTests {
    @Test(arguments: [
        (0.0, CVSSSeverity.none), (0.1, .low), (3.9, .low), (4.0, .medium), (6.9, .medium), (7.0, .high),
        (8.9, .high), (9.0, .critical), (10.0, .critical),
    ])
    func ratesBoundaries(_ score: Double, _ expected: CVSSSeverity) {
        #expect(CVSSSeverity(score: score) == expected)
    }
}

@Suite struct CVSSFuzzTests {
    /// Random strings over the vector alphabet, and random mutations of valid vectors, never
    /// crash; anything accepted scores within 0–10.
    @Test func randomInputNeverCrashes() {
        var rng = SplitMix64(seed: 0xC0FFEE)
        let alphabet = Array("CVS:34.01/ANLPHRUXMSIEAVTcv:/ ".utf8)
        let seeds = [
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        ]
        var accepted = 0
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                let length = Int(rng.next() % 90)
                bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            } else {
                bytes = Array(seeds[round % 4 == 1 ? 0 : 1].utf8)
                for _ in 0..<(1 + Int(rng.next() % 3)) {
                    let index = Int(rng.next() % UInt64(bytes.count))
                    bytes[index] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let result = CVSS.baseScore(vector: text) {
                accepted += 1
                #expect(result.score >= 0 && result.score <= 10)
            }
        }
        // Some single-byte mutations (e.g. H→L) stay valid, so the scorer ran on varied input.
        #expect(accepted > 0)
    }
}
