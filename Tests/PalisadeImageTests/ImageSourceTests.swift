import Foundation
import Testing

@testable import PalisadeImage

/// Image sources end to end: each format and compression is read, digests are checked, and the
/// layer merge tells present files from fossils.
@Suite struct ImageSourceTests {
    static func scan(_ ref: String, options: ImageScanOptions = ImageScanOptions(scanSecrets: false))
        async throws(ImageError) -> ImageScanResult
    {
        let source = try ImageScanner.source(for: ImageReference.parse(ref), as: ref)
        return try await ImageScanner(options: options).scan(source)
    }

    static func threeLayers() -> [[UInt8]] {
        var l1 = TestTar()
        l1.add("etc/", kind: .directory, mode: 0o755)
        l1.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
        l1.add("root/", kind: .directory, mode: 0o700)
        l1.add("root/.ssh/", kind: .directory, mode: 0o700)
        l1.file("root/.ssh/id_rsa", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n", mode: 0o600)
        l1.add("opt/app/", kind: .directory, mode: 0o755)
        l1.file("opt/app/a.txt", "a")
        l1.file("opt/app/b.txt", "b")
        var l2 = TestTar()
        l2.add("root/.ssh/.wh.id_rsa")
        l2.add("opt/app/.wh..wh..opq")
        l2.file("opt/app/c.txt", "c")
        l2.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"x\"\n")
        var l3 = TestTar()
        l3.file("tmp/new", "n")
        return [l1.finished(), l2.finished(), l3.finished()]
    }

    @Test(arguments: [Compression.gzip, .zstd, .none])
    func ociLayoutMergesLayers(compression: Compression) async throws {
        let w = try TestImageWriter()
        defer { w.remove() }
        let digests = try w.writeOCI(layers: Self.threeLayers(), compression: compression)
        let r = try await Self.scan("oci:\(w.dir.path):test")
        #expect(r.layers.map(\.digest) == digests)
        let key = try #require(r.files.first { $0.path == "/root/.ssh/id_rsa" })
        #expect(key.layer == 0 && key.removedBy == 1)
        #expect(r.files.first { $0.path == "/opt/app/a.txt" }?.removedBy == 1)
        #expect(r.files.first { $0.path == "/opt/app/c.txt" }?.removedBy == nil)
        let osFiles = r.files.filter { $0.path == "/etc/os-release" }
        #expect(osFiles.map(\.layer) == [0, 1])
        #expect(osFiles.map(\.removedBy) == [1, nil])
        // Whiteout entries are instructions, not files.
        #expect(!r.files.contains { $0.path.contains(".wh.") })
        #expect(r.layers.allSatisfy { $0.uncompressedSize > 0 })
    }

    @Test func ociArchiveAndAutodetectedTar() async throws {
        let w = try TestImageWriter()
        defer { w.remove() }
        try w.writeOCI(layers: Self.threeLayers())
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-\(UUID()).tar")
        defer { try? FileManager.default.removeItem(at: archive) }
        try w.archive(to: archive)
        let a = try await Self.scan("oci-archive:\(archive.path)")
        let b = try await Self.scan(archive.path)
        #expect(a.fileCount == b.fileCount)
        #expect(a.files.contains { $0.path == "/opt/app/c.txt" })
    }

    @Test func dockerArchiveDirectoryAndTar() async throws {
        let w = try TestImageWriter()
        defer { w.remove() }
        try w.writeDockerArchive(layers: Self.threeLayers(), config: ["config": ["User": "app"]])
        let dir = try await Self.scan("docker-archive:\(w.dir.path)")
        #expect(dir.config.user == "app")
        #expect(dir.tags == ["app:1"])
        let tar = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-\(UUID()).tar")
        defer { try? FileManager.default.removeItem(at: tar) }
        try w.archive(to: tar)
        let file = try await Self.scan("docker-archive:\(tar.path)")
        let plain = try await Self.scan(tar.path)
        // Legacy layers have no blob digest: the diffID is the identity.
        #expect(file.layers.map(\.digest) == file.config.diffIDs)
        #expect(plain.fileCount == dir.fileCount)
        let tagged = try await Self.scan("docker-archive:\(tar.path):app:1")
        #expect(tagged.fileCount == dir.fileCount)
        await #expect(throws: ImageError.self) { try await Self.scan("docker-archive:\(tar.path):nope:2") }
    }

    @Test func platformIsChosenFromAnIndex() async throws {
        let w = try TestImageWriter()
        defer { w.remove() }
        try w.writeOCI(layers: Self.threeLayers(), platformIndex: [("linux", "arm64"), ("linux", "amd64")])
        var options = ImageScanOptions(scanSecrets: false)
        options.platform = Platform(os: "linux", architecture: "arm64")
        let r = try await Self.scan("oci:\(w.dir.path):test", options: options)
        #expect(r.layers.count == 3)
        options.platform = Platform(os: "linux", architecture: "s390x")
        do {
            _ = try await Self.scan("oci:\(w.dir.path):test", options: options)
            Issue.record("expected a platform error")
        } catch {
            #expect(error.kind == .platformNotFound)
            #expect(error.message.contains("linux/arm64") && error.message.contains("linux/amd64"))
        }
    }

    @Test func wrongBlobDigestNamesTheBlob() async throws {
        let w = try TestImageWriter()
        defer { w.remove() }
        let digests = try w.writeOCI(layers: Self.threeLayers(), compression: .none, corruptLayerDigestOf: 1)
        do {
            _ = try await Self.scan("oci:\(w.dir.path)")
            Issue.record("expected a digest error")
        } catch {
            #expect(error.kind == .digestMismatch)
            #expect(error.message.contains(digests[1]))
        }
    }

    @Test func wrongDiffIDIsReported() async throws {
        let w = try TestImageWriter()
        defer { w.remove() }
        try w.writeOCI(layers: Self.threeLayers(), corruptDiffID: true)
        do {
            _ = try await Self.scan("oci:\(w.dir.path)")
            Issue.record("expected a diff_id error")
        } catch {
            #expect(error.kind == .digestMismatch)
            #expect(error.message.contains("diff_ids"))
        }
    }

    @Test(arguments: [
        "oci:", "docker-archive:", "/nonexistent/image.tar", "oci:/nonexistent:tag", "registry.example.com/app:1",
    ])
    func badReferencesGiveOneLineErrors(ref: String) async {
        do {
            _ = try await Self.scan(ref)
            Issue.record("expected an error for \(ref)")
        } catch {
            #expect(!error.message.isEmpty && !error.message.contains("\n"))
        }
    }

    @Test func tagSelectionListsKnownTags() async throws {
        let w = try TestImageWriter()
        defer { w.remove() }
        try w.writeOCI(layers: Self.threeLayers(), tag: "v1")
        do {
            _ = try await Self.scan("oci:\(w.dir.path):v2")
            Issue.record("expected an unknown-tag error")
        } catch {
            #expect(error.kind == .notFound && error.message.contains("v1"))
        }
    }
}
