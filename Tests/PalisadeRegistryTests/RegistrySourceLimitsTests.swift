import Crypto
import Foundation
import OSVTestServerSupport
import PalisadeImage
import Testing

@testable import PalisadeRegistry

/// Hostile registry answers the real registry never gives, served over real HTTPS by the static
/// test server: an oversized manifest, a manifest that is not JSON, a layer longer than its
/// descriptor says. Each is one clear error, never a crash or a partial result.
@Suite(.enabled(if: TestServerTools.shouldRun, "python3 and openssl are needed for the HTTPS test server"))
struct RegistrySourceLimitsTests {
    static func digest(_ bytes: [UInt8]) -> String {
        "sha256:" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func source(_ server: OSVTestServer, _ reference: String) throws -> RegistryImageSource {
        let image = try #require(RegistryReference.parse("127.0.0.1:\(server.port)/team/app:\(reference)"))
        let client = RegistryClient(
            host: image.apiHost, configuration: RegistryClient.Configuration(caFile: server.caFile))
        return RegistryImageSource(image: image, reference: image.description, client: client)
    }

    @Test func oversizedAndMalformedManifestsAreRefused() throws {
        let server = try OSVTestServer(files: [
            "v2/team/app/manifests/big": [UInt8](
                repeating: UInt8(ascii: " "), count: RegistryImageSource.manifestCap + 1),
            "v2/team/app/manifests/garbage": Array("<html>not a manifest</html>".utf8),
        ])
        #expect {
            _ = try Self.source(server, "big").resolve(platform: .host)
        } throws: { error in
            (error as? ImageError)?.kind == .limitExceeded
        }
        #expect {
            _ = try Self.source(server, "garbage").resolve(platform: .host)
        } throws: { error in
            let e = error as? ImageError
            return e?.kind == .digestMismatch && e?.message.contains("not a JSON object") == true
        }
    }

    @Test func aLayerLongerThanDeclaredIsRefused() throws {
        let layer = [UInt8](repeating: 7, count: 4096)
        let config = Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#.utf8)
        let declared = 1000
        let manifest = Array(
            """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\(Self.digest(config))","size":\(config.count)},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"\(Self.digest(layer))","size":\(declared)}]}
            """.utf8)
        let server = try OSVTestServer(files: [
            "v2/team/app/manifests/1": manifest, "v2/team/app/blobs/\(Self.digest(config))": config,
            "v2/team/app/blobs/\(Self.digest(layer))": layer,
        ])
        let source = try Self.source(server, "1")
        let resolved = try source.resolve(platform: .host)
        #expect(resolved.layers.first?.size == Int64(declared))
        var reader = try source.openLayer(try #require(resolved.layers.first))
        var buffer = [UInt8](repeating: 0, count: 8192)
        #expect {
            while try buffer.withUnsafeMutableBytes({ try reader.read(into: $0) }) > 0 {}
        } throws: { error in
            let e = error as? ImageError
            return e?.kind == .digestMismatch && e?.message.contains("more than the declared 1000 bytes") == true
        }
    }
}
