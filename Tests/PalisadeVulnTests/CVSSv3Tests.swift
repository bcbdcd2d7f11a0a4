import Testing

@testable import PalisadeVuln

/// Expected scores: the FIRST CVSS v3.1 specification's worked examples (CVE-2014-0160,
/// CVE-2013-1937, CVE-2015-1098, CVE-2014-2005, CVE-2013-0375, CVE-2012-5376) and NVD-published
/// scores, each cross-checked with the RedHatProductSecurity `cvss` Python library 3.6.
struct CVSSv3Case: Sendable, CustomTestStringConvertible {
    let vector: String
    let score: Double
    let severity: CVSSSeverity
    var testDescription: String { vector }
}

let cvssV3Cases: [CVSSv3Case] = [
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8, severity: .critical),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", score: 10.0, severity: .critical),
    .init(vector: "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", score: 7.8, severity: .high),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", score: 6.1, severity: .medium),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", score: 7.5, severity: .high),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", score: 7.5, severity: .high),
    .init(vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 8.1, severity: .high),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", score: 8.8, severity: .high),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", score: 8.8, severity: .high),
    .init(vector: "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", score: 7.8, severity: .high),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", score: 5.3, severity: .medium),
    .init(vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", score: 5.9, severity: .medium),
    .init(vector: "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", score: 5.5, severity: .medium),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", score: 6.4, severity: .medium),
    .init(vector: "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 6.8, severity: .medium),
    .init(vector: "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 8.8, severity: .high),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", score: 0.0, severity: .none),
    .init(vector: "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", score: 1.8, severity: .low),
    .init(vector: "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", score: 1.6, severity: .low),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", score: 7.2, severity: .high),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", score: 5.8, severity: .medium),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N", score: 6.5, severity: .medium),
    .init(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", score: 9.6, severity: .critical),
    .init(vector: "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:H", score: 7.8, severity: .high),
    .init(vector: "CVSS:3.1/AV:A/AC:H/PR:H/UI:R/S:C/C:L/I:L/A:L", score: 4.8, severity: .medium),
    // Metrics in a different order, and temporal/environmental metrics that do not move the base.
    .init(vector: "CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N", score: 9.8, severity: .critical),
    .init(
        vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:L/MAV:P/MS:C", score: 9.8,
        severity: .critical),
    // v3.0 vectors (the v3.0 specification's own examples score the same under v3.0 round-up).
    .init(vector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8, severity: .critical),
    .init(vector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", score: 6.1, severity: .medium),
    .init(vector: "CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", score: 7.8, severity: .high),
]

@Suite struct CVSSv3Tests {
    @Test(arguments: cvssV3Cases)
    func scoresVector(_ item: CVSSv3Case) throws {
        let parsed = try #require(CVSSv3(vector: item.vector))
        #expect(parsed.baseScore == item.score)
        #expect(parsed.severity == item.severity)
        let viaFacade = try #require(CVSS.baseScore(vector: item.vector))
        #expect(viaFacade.score == item.score)
        #expect(viaFacade.version == String(item.vector.dropFirst(5).prefix(3)))
    }

    /// Appendix A of the v3.1 specification: floating-point noise must not push a score up a tenth.
    @Test(arguments: [
        (4.000000000000001, 4.0), (4.0, 4.0), (4.02, 4.1), (4.00001, 4.1), (9.99, 10.0), (0.0, 0.0),
        (7.800000000000001, 7.8), (1.0000049, 1.0),
    ])
    func roundupV31(_ input: Double, _ expected: Double) {
        #expect(CVSSv3.roundUpV31(input) == expected)
    }

    /// v3.0's plain ceiling is what v3.1 fixed: the same noisy input rounds up a tenth.
    @Test func roundupV30DiffersOnNoise() {
        #expect(CVSSv3.roundUpV30(4.000000000000001) == 4.1)
        #expect(CVSSv3.roundUpV30(4.0) == 4.0)
        #expect(CVSSv3.roundUpV30(4.02) == 4.1)
    }

    @Test(arguments: [
        "",
        "CVSS:3.1/",
        "CVSS:3.1",
        "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:H",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L/A:H",
        "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:h",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
        "CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:X",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H:H",
        "CVSS:3.1/AV/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H ",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/:H",
        // A v4.0 vector is not a v3 vector.
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    ])
    func rejectsMalformed(_ vector: String) {
        #expect(CVSSv3(vector: vector) == nil)
    }

    @Test func rejectsHugeInput() {
        let huge = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/" + String(repeating: "A", count: 1_000_000)
        #expect(CVSSv3(vector: huge) == nil)
    }
}
