import Testing

@testable import PalisadeSBOM

@Suite struct SBOMLicenseAndUUIDTests {
    @Test(arguments: [
        ("MIT", "MIT"), ("mit", "MIT"), ("apache-2.0", "Apache-2.0"), ("GPL-2.0+", "GPL-2.0+"),
        ("MIT OR Apache-2.0", "MIT OR Apache-2.0"),
        ("(MIT AND BSD-3-Clause) OR GPL-3.0-only", "(MIT AND BSD-3-Clause) OR GPL-3.0-only"),
        ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
        ("  MIT  ", "MIT"),
    ])
    func validExpressions(text: String, canonical: String) {
        #expect(SPDXLicenseExpression.canonical(text)?.expression == canonical)
    }

    @Test(arguments: [
        "", "GPL2+", "custom", "MIT and Apache-2.0", "MIT OR", "(MIT", "MIT)", "AND", "MIT Apache-2.0",
        "LicenseRef-foo", "MIT WITH", "Public Domain", "BSD", "MIT/X11",
    ])
    func invalidExpressions(text: String) {
        #expect(SPDXLicenseExpression.canonical(text) == nil)
    }

    @Test func singleAndCompoundKinds() {
        #expect(SPDXLicenseExpression.canonical("MIT")?.kind == .single)
        #expect(SPDXLicenseExpression.canonical("MIT OR 0BSD")?.kind == .compound)
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "(", count: 100) + "MIT" + String(repeating: ")", count: 100)
        #expect(SPDXLicenseExpression.canonical(deep) == nil)
        #expect(SPDXLicenseExpression.canonical("((MIT))") != nil)
        let long = Array(repeating: "MIT", count: 300).joined(separator: " AND ")
        #expect(SPDXLicenseExpression.canonical(long) == nil)
    }

    @Test func sha1KnownVectors() {
        #expect(SBOMSHA1.hex(SBOMSHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SBOMSHA1.hex(SBOMSHA1.digest([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SBOMSHA1.hex(SBOMSHA1.digest(long)) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    @Test func uuidV5MatchesPythonUUID5() {
        // python3 -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/"))'
        #expect(DeterministicUUID.version5(name: "https://example.com/") == "dd2c1780-811a-5296-81c5-178a0ef488bc")
        #expect(DeterministicUUID.version5(name: "palisade") == "8c8f73f8-4626-56fc-a9e4-0b7a24b5ab51")
    }
}
