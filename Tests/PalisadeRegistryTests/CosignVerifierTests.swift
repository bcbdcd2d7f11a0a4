import Crypto
import Foundation
import Testing

@testable import PalisadeRegistry

/// cosign key-based signatures: a signature counts only with the right key, over the exact
/// payload, naming the image's own digest.
@Suite struct CosignVerifierTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    static func payload(_ digest: String) -> [UInt8] {
        Array(
            """
            {"critical":{"identity":{"docker-reference":"reg.example/team/app"},"image":{"docker-manifest-digest":"\(digest)"},"type":"cosign container image signature"},"optional":null}
            """.utf8)
    }

    static func sign(_ payload: [UInt8], _ key: P256.Signing.PrivateKey) throws -> String {
        try key.signature(for: payload).derRepresentation.base64EncodedString()
    }

    @Test func verifiesOnlyTheRightKeyPayloadAndDigest() throws {
        let key = P256.Signing.PrivateKey()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-cosign-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try key.publicKey.pemRepresentation.write(toFile: dir + "/cosign.pub", atomically: true, encoding: .utf8)
        let verifier = try CosignVerifier(pemFile: dir + "/cosign.pub")

        let good = Self.payload(Self.digest)
        #expect(verifier.verifies(payload: good, signatureBase64: try Self.sign(good, key), digest: Self.digest))
        // Signed by another key.
        #expect(
            !verifier.verifies(
                payload: good, signatureBase64: try Self.sign(good, P256.Signing.PrivateKey()), digest: Self.digest))
        // A valid signature over a payload for another image.
        let other = Self.payload("sha256:" + String(repeating: "cd", count: 32))
        #expect(!verifier.verifies(payload: other, signatureBase64: try Self.sign(other, key), digest: Self.digest))
        // The payload changed after signing; garbage signatures.
        var tampered = good
        tampered[tampered.count - 3] ^= 1
        #expect(!verifier.verifies(payload: tampered, signatureBase64: try Self.sign(good, key), digest: Self.digest))
        #expect(!verifier.verifies(payload: good, signatureBase64: "not base64!", digest: Self.digest))
        #expect(!verifier.verifies(payload: good, signatureBase64: "AAAA", digest: Self.digest))
    }

    @Test func unusableKeyFilesAreOneLineErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-cosign-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n".write(
            toFile: dir + "/bad.pub", atomically: true, encoding: .utf8)
        #expect(throws: RegistryError.self) { try CosignVerifier(pemFile: dir + "/bad.pub") }
        #expect(throws: RegistryError.self) { try CosignVerifier(pemFile: dir + "/missing.pub") }
    }
}

/// The tag history remembers digests between audits and reports a moved tag once.
@Suite struct TagHistoryTests {
    @Test func movedTagsAreReportedWithThePreviousDigest() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-hist-\(UUID())/tags.json")
            .path
        var history = try TagHistory.load(path)
        #expect(history.record("r/a:1", digest: "sha256:1", now: "t1") == nil)
        try history.save()
        var again = try TagHistory.load(path)
        #expect(again.record("r/a:1", digest: "sha256:1", now: "t2") == nil)
        let moved = again.record("r/a:1", digest: "sha256:2", now: "t3")
        #expect(moved == TagHistory.Entry(digest: "sha256:1", firstSeen: "t1", lastSeen: "t2"))
        #expect(again.record("r/a:1", digest: "sha256:2", now: "t4") == nil)
        try "{broken".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RegistryError.self) { try TagHistory.load(path) }
    }
}
