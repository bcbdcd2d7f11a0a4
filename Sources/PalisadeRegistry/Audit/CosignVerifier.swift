import Crypto
import Foundation

/// Verifies cosign's key-based image signatures: the `sha256-<hex>.sig` manifest's layers are
/// simple-signing payloads, each with its ECDSA-P256 signature (base64 DER over the payload's
/// SHA-256) in the `dev.cosignproject.cosign/signature` annotation. A signature counts only if
/// it verifies with the given key AND its payload names the image's manifest digest.
public struct CosignVerifier: Sendable {
    /// The key's X9.63 bytes (swift-crypto's key type is not Sendable).
    private let keyBytes: [UInt8]

    public static let signatureAnnotation = "dev.cosignproject.cosign/signature"

    /// From a PEM `PUBLIC KEY` file as `cosign generate-key-pair` writes it (`cosign.pub`).
    public init(pemFile: String) throws(RegistryError) {
        guard let data = FileManager.default.contents(atPath: pemFile) else {
            throw RegistryError(.badInput, "--key \(pemFile): not a readable file")
        }
        do {
            keyBytes = Array(
                try P256.Signing.PublicKey(pemRepresentation: String(decoding: data, as: UTF8.self)).x963Representation)
        } catch {
            throw RegistryError(.badInput, "--key \(pemFile): not a PEM ECDSA P-256 public key")
        }
    }

    public init(key: P256.Signing.PublicKey) { keyBytes = Array(key.x963Representation) }

    /// Whether `payload` carries a valid signature for the image `digest`.
    public func verifies(payload: [UInt8], signatureBase64: String, digest: String) -> Bool {
        guard let key = try? P256.Signing.PublicKey(x963Representation: keyBytes),
            let der = Data(base64Encoded: signatureBase64),
            let signature = try? P256.Signing.ECDSASignature(derRepresentation: der),
            key.isValidSignature(signature, for: payload)
        else { return false }
        return Self.signedDigest(payload) == digest
    }

    /// `critical.image.docker-manifest-digest` of a simple-signing payload.
    static func signedDigest(_ payload: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any],
            let critical = object["critical"] as? [String: Any],
            let image = critical["image"] as? [String: Any]
        else { return nil }
        return image["docker-manifest-digest"] as? String
    }

    /// Fetches the signature manifest at `sigTag` and checks its layers.
    func verifyTag(_ sigTag: String, repository: String, digest: String, client: RegistryClient) -> Bool {
        let scope = "repository:\(repository):pull"
        guard
            let manifest = try? client.get(
                "/v2/\(repository)/manifests/\(sigTag)", accept: RegistryImageSource.manifestTypes, scope: scope,
                maxBytes: RegistryImageSource.manifestCap
            ).body,
            let object = try? JSONSerialization.jsonObject(with: Data(manifest)) as? [String: Any],
            let layers = object["layers"] as? [[String: Any]]
        else { return false }
        for layer in layers.prefix(32) {
            guard let blob = layer["digest"] as? String, RegistryReference.isDigest(blob),
                let signature = (layer["annotations"] as? [String: String])?[Self.signatureAnnotation],
                let payload = try? client.get("/v2/\(repository)/blobs/\(blob)", scope: scope, maxBytes: 1 << 20).body,
                RegistryImageSource.sha256(payload) == blob
            else { continue }
            if verifies(payload: payload, signatureBase64: signature, digest: digest) { return true }
        }
        return false
    }
}
