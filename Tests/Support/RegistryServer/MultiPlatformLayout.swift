import Foundation

/// A tiny two-platform OCI image layout written by scripts/make-multiarch-oci.py (deterministic, so nothing
/// binary is committed): tag `multi` is an image index of linux/amd64 and linux/arm64, tags `amd64` and
/// `arm64` are the single images. Each image has one gzip layer with `etc/palisade-platform` and a file only
/// it has, so a test can tell which platform a client pulled.
public struct MultiPlatformLayout: Sendable {
    /// One platform's image, with the digests the generator computed (independently of Palisade).
    public struct Image: Decodable, Sendable, Equatable {
        public var manifest: String
        public var config: String
        public var layer: String
        public var diffID: String
        /// The path of the file only this platform's layer has, e.g. usr/share/palisade/only-arm64.
        public var file: String
    }

    /// The layout directory (use with `RegistryTestServer.push(ociLayout:tag:to:tag:)`).
    public var path: String
    /// The digest of the image index (tag `multi`).
    public var index: String
    /// Keyed by architecture: "amd64" and "arm64".
    public var images: [String: Image]

    private struct Summary: Decodable {
        var index: String
        var images: [String: Image]
    }

    /// Writes the layout to `path` (a directory that need not exist yet).
    public static func make(at path: String) throws -> MultiPlatformLayout {
        let python = try RegistryTools.require(RegistryTools.python, "python3")
        let result = try ProcessRunner.check(python, [RegistryTools.scriptsDirectory + "/make-multiarch-oci.py", path])
        let summary = try JSONDecoder().decode(Summary.self, from: Data(result.stdout.utf8))
        return MultiPlatformLayout(path: path, index: summary.index, images: summary.images)
    }
}
