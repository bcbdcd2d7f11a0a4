import Crypto
import Foundation

/// Builds small images on disk for tests: tar layers written byte by byte (so hostile entries are
/// possible), compressed with the real `gzip`/`zstd` tools, laid out as an OCI layout directory,
/// an OCI archive or a `docker save` archive.
struct TestTar {
    private(set) var bytes: [UInt8] = []

    enum Kind: UInt8 {
        case file = 48
        case hardlink = 49
        case symlink = 50
        case directory = 53
        case paxHeader = 120
        case gnuLongName = 76
    }

    mutating func add(
        _ name: String, _ contents: [UInt8] = [], kind: Kind = .file, mode: UInt32 = 0o644, link: String = "",
        uid: Int = 0
    ) {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ s: String, _ at: Int, _ len: Int) {
            for (i, b) in Array(s.utf8).prefix(len).enumerated() { h[at + i] = b }
        }
        func octal(_ v: Int, _ at: Int, _ len: Int) {
            put(String(String(v, radix: 8).suffix(len - 1)).leftPadded(to: len - 1), at, len - 1)
        }
        put(name, 0, 100)
        octal(Int(mode), 100, 8)
        octal(uid, 108, 8)
        octal(0, 116, 8)
        octal(contents.count, 124, 12)
        octal(1_700_000_000, 136, 12)
        h[156] = kind.rawValue
        put(link, 157, 100)
        put("ustar", 257, 6)
        put("00", 263, 2)
        for i in 148..<156 { h[i] = 32 }
        let sum = h.reduce(0) { $0 + Int($1) }
        put(String(sum, radix: 8).leftPadded(to: 6), 148, 6)
        h[154] = 0
        h[155] = 32
        bytes += h
        bytes += contents
        let pad = (512 - contents.count % 512) % 512
        bytes += [UInt8](repeating: 0, count: pad)
    }

    /// An empty regular file from a precomputed header: only the name and checksum change, so a
    /// million entries take a moment even in a debug build.
    mutating func addEmpty(_ name: [UInt8]) {
        var h = Self.emptyTemplate
        var sum = 0
        for i in 0..<512 { sum += (i >= 148 && i < 156) ? 32 : Int(h[i]) }
        for (i, b) in name.prefix(100).enumerated() {
            h[i] = b
            sum += Int(b)
        }
        var digits = [UInt8](repeating: 48, count: 6)
        var v = sum
        for i in stride(from: 5, through: 0, by: -1) {
            digits[i] = UInt8(48 + v % 8)
            v /= 8
        }
        for i in 0..<6 { h[148 + i] = digits[i] }
        h[154] = 0
        h[155] = 32
        bytes += h
    }

    private static let emptyTemplate: [UInt8] = {
        var t = TestTar()
        t.add("")
        return Array(t.bytes.prefix(512))
    }()

    mutating func file(_ name: String, _ text: String, mode: UInt32 = 0o644) {
        add(name, Array(text.utf8), mode: mode)
    }

    func finished() -> [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String {
        count >= n ? self : String(repeating: "0", count: n - count) + self
    }
}

enum Compression: String {
    case gzip, zstd, none
}

struct TestImageWriter {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-img-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    static func sha256(_ bytes: [UInt8]) -> String {
        "sha256:" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func compress(_ bytes: [UInt8], _ c: Compression) throws -> [UInt8] {
        guard c != .none else { return bytes }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = c == .gzip ? ["gzip", "-c", "-1", "-n"] : ["zstd", "-q", "-c", "-1"]
        let input = Pipe()
        let output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        let writer = Thread {
            input.fileHandleForWriting.write(Data(bytes))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Array(data)
    }

    /// Writes an OCI layout with one image; returns the layer blob digests.
    @discardableResult
    func writeOCI(
        layers: [[UInt8]], compression: Compression = .gzip, config: [String: Any] = [:], tag: String = "test",
        corruptDiffID: Bool = false, corruptLayerDigestOf: Int? = nil, platformIndex: [(String, String)]? = nil
    ) throws -> [String] {
        let blobs = dir.appendingPathComponent("blobs/sha256")
        try FileManager.default.createDirectory(at: blobs, withIntermediateDirectories: true)
        func put(_ bytes: [UInt8]) throws -> String {
            let d = Self.sha256(bytes)
            try Data(bytes).write(to: blobs.appendingPathComponent(String(d.dropFirst(7))))
            return d
        }
        var diffIDs: [String] = []
        var descriptors: [[String: Any]] = []
        var digests: [String] = []
        for (i, tar) in layers.enumerated() {
            diffIDs.append(corruptDiffID ? Self.sha256(tar + [1]) : Self.sha256(tar))
            var blob = try Self.compress(tar, compression)
            var d = try put(blob)
            if corruptLayerDigestOf == i {
                // Same name, different bytes: what a corrupted download looks like.
                blob[blob.count / 2] ^= 0xff
                try Data(blob).write(to: blobs.appendingPathComponent(String(d.dropFirst(7))))
            }
            digests.append(d)
            let mt =
                compression == .gzip
                ? "application/vnd.oci.image.layer.v1.tar+gzip"
                : compression == .zstd
                    ? "application/vnd.oci.image.layer.v1.tar+zstd" : "application/vnd.oci.image.layer.v1.tar"
            descriptors.append(["mediaType": mt, "digest": d, "size": blob.count])
            d = ""
        }
        var cfg = config
        cfg["architecture"] = cfg["architecture"] ?? "amd64"
        cfg["os"] = "linux"
        cfg["rootfs"] = ["type": "layers", "diff_ids": diffIDs]
        let configBytes = Array(try JSONSerialization.data(withJSONObject: cfg, options: [.sortedKeys]))
        let configDigest = try put(configBytes)
        let manifest: [String: Any] = [
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": [
                "mediaType": "application/vnd.oci.image.config.v1+json", "digest": configDigest,
                "size": configBytes.count,
            ],
            "layers": descriptors,
        ]
        let manifestBytes = Array(try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys]))
        let manifestDigest = try put(manifestBytes)
        var top: [String: Any] = [
            "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifestDigest,
            "size": manifestBytes.count, "annotations": ["org.opencontainers.image.ref.name": tag],
        ]
        if let platforms = platformIndex {
            // An index with one entry per platform, all pointing at the same manifest.
            let entries: [[String: Any]] = platforms.map { os, arch in
                [
                    "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifestDigest,
                    "size": manifestBytes.count, "platform": ["os": os, "architecture": arch],
                ]
            }
            let index: [String: Any] = [
                "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": entries,
            ]
            let indexBytes = Array(try JSONSerialization.data(withJSONObject: index, options: [.sortedKeys]))
            let indexDigest = try put(indexBytes)
            top = [
                "mediaType": "application/vnd.oci.image.index.v1+json", "digest": indexDigest, "size": indexBytes.count,
                "annotations": ["org.opencontainers.image.ref.name": tag],
            ]
        }
        let index: [String: Any] = ["schemaVersion": 2, "manifests": [top]]
        try JSONSerialization.data(withJSONObject: index).write(to: dir.appendingPathComponent("index.json"))
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: dir.appendingPathComponent("oci-layout"))
        return digests
    }

    /// Tars the directory (as `oci-archive:` / a docker archive file) with the system tar.
    func archive(to file: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tar", "-C", dir.path, "-cf", file.path, "."]
        try p.run()
        p.waitUntilExit()
    }

    /// A `docker save` layout: manifest.json, `<id>.json` config, `<n>/layer.tar` layers (uncompressed).
    func writeDockerArchive(layers: [[UInt8]], config: [String: Any] = [:], repoTag: String = "app:1") throws {
        var cfg = config
        cfg["architecture"] = "amd64"
        cfg["os"] = "linux"
        cfg["rootfs"] = ["type": "layers", "diff_ids": layers.map(Self.sha256)]
        let configBytes = Array(try JSONSerialization.data(withJSONObject: cfg, options: [.sortedKeys]))
        let configName = String(Self.sha256(configBytes).dropFirst(7)) + ".json"
        try Data(configBytes).write(to: dir.appendingPathComponent(configName))
        var paths: [String] = []
        for (i, tar) in layers.enumerated() {
            let sub = dir.appendingPathComponent("layer\(i)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try Data(tar).write(to: sub.appendingPathComponent("layer.tar"))
            paths.append("layer\(i)/layer.tar")
        }
        let manifest: [[String: Any]] = [["Config": configName, "RepoTags": [repoTag], "Layers": paths]]
        try JSONSerialization.data(withJSONObject: manifest).write(to: dir.appendingPathComponent("manifest.json"))
    }
}
