import Foundation
import Testing

/// The real container images that `scripts/build-test-images` builds from Debian's packages and
/// caches outside the repository, with the facts about them that the script recorded
/// independently of Palisade (dpkg-query output, pip metadata, layer digests, the generated
/// throwaway secrets).
///
/// Tests that use them are enabled when the images are built, and also when `CI=true`: on CI a
/// missing build is a failure, not a reason to skip.
enum TestImages {
    /// Must match `RECIPE` in scripts/build-test-images.
    static let recipe = "v1"

    /// `${PALISADE_TEST_IMAGES:-${XDG_CACHE_HOME:-$HOME/.cache}/palisade-test-images}/v1`, as in the script.
    static let directory: URL = {
        let env = ProcessInfo.processInfo.environment
        let base: String
        if let explicit = env["PALISADE_TEST_IMAGES"], !explicit.isEmpty {
            base = explicit
        } else {
            let cache =
                env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? URL(fileURLWithPath: env["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".cache").path
            base = URL(fileURLWithPath: cache).appendingPathComponent("palisade-test-images").path
        }
        return URL(fileURLWithPath: base).appendingPathComponent(recipe)
    }()

    static var isComplete: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(".complete").path)
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Run the tests when the images exist, or on CI (where their absence must fail).
    static var shouldRun: Bool { isComplete || isCI }

    /// Fails the calling test with a clear message when the images are missing.
    static func requireBuilt() throws {
        try #require(
            isComplete, "test images missing at \(directory.path): run scripts/build-test-images")
    }

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    static func text(_ relative: String) throws -> String {
        try requireBuilt()
        return try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    static func json(_ relative: String) throws -> [String: Any] {
        try requireBuilt()
        let data = try Data(contentsOf: directory.appendingPathComponent(relative))
        return try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(relative) is not an object")
    }

    /// Tab-separated rows of an `expected/*.tsv` file.
    static func rows(_ relative: String) throws -> [[String]] {
        try text(relative).split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Installed dpkg packages, as `dpkg-query` listed them when the image was built.
    static func dpkgPackages(_ relative: String) throws -> [DpkgPackage] {
        try rows(relative).map { row in
            try #require(row.count == 3, "bad row \(row) in \(relative)")
            return DpkgPackage(name: row[0], version: row[1], architecture: row[2])
        }
    }

    /// The pip-installed Python packages (name lowercased, version), from their METADATA.
    static func pythonPackages() throws -> [NameVersion] {
        try rows("expected/python.tsv").map { row in
            try #require(row.count == 2, "bad row \(row) in python.tsv")
            return NameVersion(name: row[0].lowercased(), version: row[1])
        }
    }

    /// The layer digests (as the image's manifest lists them), base layer first.
    static func layerDigests(_ image: String) throws -> [String] {
        let all = try json("expected/layers.json")
        let entry = try #require(all[image] as? [String: Any], "no \(image) in layers.json")
        let layers = try #require(entry["layers"] as? [[String: Any]])
        return try layers.map { try #require($0["digest"] as? String) }
    }

    static func secrets() throws -> GeneratedSecrets {
        let object = try json("secrets.json")
        func field(_ key: String) throws -> String { try #require(object[key] as? String, "secrets.json: \(key)") }
        return GeneratedSecrets(
            sshPrivateKeyPEM: try field("ssh_private_key_pem"), tlsPrivateKeyPEM: try field("tls_private_key_pem"),
            awsAccessKeyID: try field("aws_access_key_id"), awsSecretAccessKey: try field("aws_secret_access_key"))
    }
}

struct DpkgPackage: Hashable, CustomStringConvertible {
    var name: String
    var version: String
    var architecture: String
    var nameVersion: NameVersion { NameVersion(name: name, version: version) }
    var description: String { "\(name) \(version) \(architecture)" }
}

struct NameVersion: Hashable, Comparable, CustomStringConvertible {
    var name: String
    var version: String
    var description: String { "\(name)@\(version)" }
    static func < (a: NameVersion, b: NameVersion) -> Bool { (a.name, a.version) < (b.name, b.version) }
}

/// The throwaway secrets the build generated and planted in the bookworm image.
struct GeneratedSecrets {
    var sshPrivateKeyPEM: String
    var tlsPrivateKeyPEM: String
    var awsAccessKeyID: String
    var awsSecretAccessKey: String

    /// Pieces no output may contain, each with a name to report it by: every 12-character run of
    /// the AWS values (a redaction may keep a few characters, never a dozen) and every base64
    /// line of the two PEM keys.
    var forbiddenFragments: [(name: String, fragment: String)] {
        var out: [(String, String)] = []
        for (name, value) in [("AWS access key ID", awsAccessKeyID), ("AWS secret access key", awsSecretAccessKey)] {
            let chars = Array(value)
            for start in 0...(chars.count - 12) {
                out.append(("\(name), characters \(start)..<\(start + 12)", String(chars[start..<start + 12])))
            }
        }
        for (name, pem) in [("SSH private key", sshPrivateKeyPEM), ("TLS private key", tlsPrivateKeyPEM)] {
            for (index, line) in pem.split(separator: "\n").enumerated()
            where !line.hasPrefix("-----") && line.count >= 16 {
                out.append(("\(name), PEM line \(index + 1)", String(line)))
            }
        }
        return out
    }

    /// Which secrets `output` leaks, by name (never the value, so a failing test does not print
    /// the secret either); empty when nothing leaked.
    func leaks(in output: String) -> [String] {
        forbiddenFragments.filter { output.contains($0.fragment) }.map(\.name)
    }
}

/// The four encodings of the same bookworm image; a scan of each must agree.
enum BookwormImage: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case ociLayout = "oci"
    case dockerArchive = "docker-archive"
    case ociArchive = "oci-archive"
    case zstdOCILayout = "oci-zstd"

    /// The reference given to `palisade image` / `palisade sbom`.
    var reference: String {
        switch self {
        case .ociLayout: "oci:\(TestImages.path("bookworm-oci")):fossil"
        case .dockerArchive: "docker-archive:\(TestImages.path("bookworm-docker.tar"))"
        case .ociArchive: "oci-archive:\(TestImages.path("bookworm.oci.tar"))"
        case .zstdOCILayout: "oci:\(TestImages.path("bookworm-zstd-oci")):fossil"
        }
    }

    /// Its key in expected/layers.json.
    var layersKey: String {
        switch self {
        case .ociLayout: "bookworm-oci:fossil"
        case .dockerArchive: "bookworm-docker.tar"
        case .ociArchive: "bookworm.oci.tar"
        case .zstdOCILayout: "bookworm-zstd-oci:fossil"
        }
    }

    var testDescription: String { rawValue }
}

enum DistrolessImage {
    static var latest: String { "oci:\(TestImages.path("distroless-oci")):latest" }
    static var withHealthcheck: String { "oci:\(TestImages.path("distroless-oci")):healthcheck" }
}
