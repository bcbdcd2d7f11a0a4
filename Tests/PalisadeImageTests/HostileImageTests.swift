import Foundation
import Testing

@testable import PalisadeImage

/// Hostile images: nothing is written outside memory, nothing crashes or hangs, and every
/// failure is one clear line naming the layer.
@Suite struct HostileImageTests {
    func scanLayers(
        _ layers: [[UInt8]], compression: Compression = .gzip,
        options: ImageScanOptions = ImageScanOptions(scanSecrets: false)
    ) async throws(ImageError) -> ImageScanResult {
        let w: TestImageWriter
        do {
            w = try TestImageWriter()
            try w.writeOCI(layers: layers, compression: compression)
        } catch {
            throw ImageError(.unreadable, "test setup: \(error)")
        }
        defer { w.remove() }
        return try await ImageSourceTests.scan("oci:\(w.dir.path)", options: options)
    }

    @Test func traversalAndAbsolutePathsStayInside() async throws {
        var t = TestTar()
        t.file("../../etc/passwd", "root:x:0:0::/root:/bin/sh\n")
        t.file("/abs/file", "x")
        t.file("a/../../b", "y")
        let r = try await scanLayers([t.finished()])
        #expect(Set(r.files.map(\.path)) == ["/etc/passwd", "/abs/file", "/b"])
        #expect(r.notes.contains { $0.contains("climbs above the root") })
    }

    @Test func symlinkLoopsAndOutsideLinksAreOnlyRecorded() async throws {
        var t = TestTar()
        t.add("a", kind: .symlink, link: "b")
        t.add("b", kind: .symlink, link: "a")
        t.add("out", kind: .symlink, link: "../../../../etc/shadow")
        t.add("etc/os-release", kind: .symlink, link: "../etc/os-release")
        let r = try await scanLayers([t.finished()])
        #expect(r.files.filter { $0.kind == .symlink }.count == 4)
        #expect(r.os == nil)
    }

    @Test func hardLinkToAMissingFileIsRecorded() async throws {
        var t = TestTar()
        t.add("link", kind: .hardlink, link: "does/not/exist")
        let r = try await scanLayers([t.finished()])
        #expect(r.files.first?.linkTarget == "/does/not/exist")
    }

    @Test(arguments: [Compression.gzip, .zstd, .none])
    func truncatedLayersFailWithTheLayerNamed(compression: Compression) async throws {
        var t = TestTar()
        t.add("big", [UInt8](repeating: 65, count: 100_000))
        let full = t.finished()
        let w = try TestImageWriter()
        defer { w.remove() }
        // Write the image, then cut the layer blob in half while keeping its name.
        let digests = try w.writeOCI(layers: [full], compression: compression)
        let blob = w.dir.appendingPathComponent("blobs/sha256/" + digests[0].dropFirst(7))
        let bytes = try Data(contentsOf: blob)
        try bytes.prefix(bytes.count / 2).write(to: blob)
        do {
            _ = try await ImageSourceTests.scan("oci:\(w.dir.path)")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("layer 1"))
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func gzipBombIsStoppedByTheCap() async throws {
        // 2,000 concatenated gzip members of 8 MiB of zeros each: 16 GiB when inflated, ~16 MB on disk.
        let member = try TestImageWriter.compress([UInt8](repeating: 0, count: 8 << 20), .gzip)
        var bomb: [UInt8] = []
        bomb.reserveCapacity(member.count * 2000)
        for _ in 0..<2000 { bomb += member }
        let w = try TestImageWriter()
        defer { w.remove() }
        // Write the bomb as a "compressed" layer: the writer's .none keeps bytes as they are.
        try w.writeOCI(layers: [bomb], compression: .none)
        var options = ImageScanOptions(scanSecrets: false)
        options.limits.maxLayerBytes = 64 << 20
        do {
            _ = try await ImageSourceTests.scan("oci:\(w.dir.path)", options: options)
            Issue.record("expected the cap to stop the bomb")
        } catch {
            #expect(error.kind == .limitExceeded)
            #expect(error.message.contains("--max-layer-size"))
        }
        #expect(LayerScanLimits().maxLayerBytes < 10 << 30)
    }

    @Test func entryCapStopsHugeLayers() async throws {
        var t = TestTar()
        for i in 0..<2000 { t.add("f\(i)") }
        var options = ImageScanOptions(scanSecrets: false)
        options.limits.maxEntriesPerLayer = 1000
        do {
            _ = try await scanLayers([t.finished()], options: options)
            Issue.record("expected the entry cap")
        } catch {
            #expect(error.kind == .limitExceeded)
        }
    }

    @Test func aMillionTinyFiles() async throws {
        var t = TestTar()
        t.add("d/", kind: .directory, mode: 0o755)
        for i in 0..<1_000_000 { t.addEmpty(Array("d/\(i)".utf8)) }
        let r = try await scanLayers([t.finished()], compression: .none)
        #expect(r.fileCount == 1_000_001)
    }

    @Test func nonUTF8NamesDoNotCrash() async throws {
        var t = TestTar()
        var tar = t.finished()
        t = TestTar()
        t.file("name-\u{FFFD}", "x")
        tar = t.finished()
        // Overwrite the name's replacement character with raw invalid bytes 0xff 0xfe.
        tar[5] = 0xff
        tar[6] = 0xfe
        tar[7] = 0xfd
        var sum = 0
        for i in 0..<512 { sum += (i >= 148 && i < 156) ? 32 : Int(tar[i]) }
        let octal = Array(String(sum, radix: 8).utf8)
        for i in 0..<6 { tar[148 + i] = 48 }
        for (i, b) in octal.enumerated() { tar[148 + 6 - octal.count + i] = b }
        let r = try await scanLayers([tar])
        #expect(r.fileCount == 1)
        #expect(r.files[0].path.hasPrefix("/name-"))
    }

    @Test func randomLayersNeverCrash() async {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<30 {
            let junk = (0..<Int.random(in: 0..<4096, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = try? await scanLayers([junk], compression: .none)
            _ = try? await scanLayers([junk], compression: .gzip)
        }
    }
}

/// The overlay semantics on their own.
@Suite struct LayerMergerTests {
    func record(_ path: String, _ kind: FileRecord.Kind = .regular, layer: Int) -> FileRecord {
        FileRecord(path: path, kind: kind, mode: 0o644, layer: layer)
    }

    @Test func whiteoutOfADirectoryRemovesItsSubtree() {
        var m = LayerMerger(layerCount: 2)
        m.apply(
            layer: 0,
            records: [record("/a", .directory, layer: 0), record("/a/b", layer: 0), record("/a/c/d", layer: 0)],
            whiteouts: [], opaque: [])
        m.apply(layer: 1, records: [], whiteouts: ["/a"], opaque: [])
        #expect(m.records[0].allSatisfy { $0.removedBy == 1 })
    }

    @Test func opaqueDirectoryHidesOnlyLowerContents() {
        var m = LayerMerger(layerCount: 2)
        m.apply(
            layer: 0, records: [record("/a", .directory, layer: 0), record("/a/old", layer: 0)], whiteouts: [],
            opaque: [])
        m.apply(layer: 1, records: [record("/a/new", layer: 1)], whiteouts: [], opaque: ["/a"])
        #expect(m.records[0][0].removedBy == nil)
        #expect(m.records[0][1].removedBy == 1)
        #expect(m.records[1][0].removedBy == nil)
    }

    @Test func aFileReplacingADirectoryRemovesTheSubtree() {
        var m = LayerMerger(layerCount: 2)
        m.apply(
            layer: 0, records: [record("/x", .directory, layer: 0), record("/x/y", layer: 0)], whiteouts: [], opaque: []
        )
        m.apply(layer: 1, records: [record("/x", .symlink, layer: 1)], whiteouts: [], opaque: [])
        #expect(m.records[0].allSatisfy { $0.removedBy == 1 })
        #expect(m.visible("/x")?.kind == .symlink)
    }

    @Test func aDirectoryRedeclaredKeepsItsContents() {
        var m = LayerMerger(layerCount: 2)
        m.apply(
            layer: 0, records: [record("/x", .directory, layer: 0), record("/x/y", layer: 0)], whiteouts: [], opaque: []
        )
        m.apply(layer: 1, records: [record("/x", .directory, layer: 1)], whiteouts: [], opaque: [])
        #expect(m.records[0][1].removedBy == nil)
    }

    @Test func whiteoutOfAMissingPathIsHarmless() {
        var m = LayerMerger(layerCount: 2)
        m.apply(layer: 0, records: [record("/a", layer: 0)], whiteouts: [], opaque: [])
        m.apply(layer: 1, records: [], whiteouts: ["/nope", "/a/b/c"], opaque: ["/zzz"])
        #expect(m.records[0][0].removedBy == nil)
    }
}
