import PalisadeCore

@testable import PalisadeImage

/// Synthetic images for the hygiene tests: `clean` has no finding at all, and each test adds the
/// one thing it is about.
enum HygieneFixture {
    static let reference = "registry.example.com/team/app:1.4.2"

    static func layers(_ count: Int) -> [LayerInfo] {
        (0..<count).map {
            LayerInfo(
                index: $0, digest: "sha256:layer\($0)", diffID: "sha256:diff\($0)",
                mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", size: 1000, historyIndex: $0)
        }
    }

    static func file(
        _ path: String, _ mode: UInt32 = 0o644, kind: FileRecord.Kind = .regular, layer: Int = 1,
        removedBy: Int? = nil, size: Int64 = 100, uid: Int = 0, gid: Int = 0, target: String? = nil
    ) -> FileRecord {
        FileRecord(
            path: path, kind: kind, mode: mode, uid: uid, gid: gid, size: size, linkTarget: target, layer: layer,
            removedBy: removedBy)
    }

    static let cleanHistory = [
        HistoryEntry(createdBy: "/bin/sh -c #(nop) ADD file:5d6b639e8b6bcc011c in / "),
        HistoryEntry(createdBy: "/bin/sh -c #(nop)  CMD [\"bash\"]", emptyLayer: true),
        HistoryEntry(createdBy: "COPY /out/server /app/server # buildkit"),
        HistoryEntry(createdBy: "USER 10001", emptyLayer: true),
    ]

    static let cleanFiles = [
        file("/app", 0o755, kind: .directory, layer: 1),
        file("/app/server", 0o755, layer: 1, size: 8_000_000),
        file("/etc", 0o755, kind: .directory, layer: 0),
        file("/etc/passwd", 0o644, layer: 0),
        file("/etc/group", 0o644, layer: 0),
        file("/etc/ssl/certs/ca-certificates.crt", 0o644, layer: 0, size: 200_000),
        file("/tmp", 0o1777, kind: .directory, layer: 0),
    ]

    static let cleanContents: [String: [UInt8]] = [
        "/etc/passwd": Array(
            "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:10001:10001::/home/nonroot:/sbin/nologin\n".utf8),
        "/etc/group": Array("root:x:0:\nnonroot:x:10001:\n".utf8),
    ]

    static func facts(
        reference: String = reference, user: String? = "10001",
        healthcheck: Healthcheck? = Healthcheck(test: ["CMD", "/app/server", "-health"]),
        env: [String] = [
            "PATH=/usr/local/bin:/usr/bin:/bin"
        ], exposedPorts: [String] = ["8080/tcp"], labels: [(key: String, value: String)] = [],
        volumes: [String] = [], history: [HistoryEntry] = cleanHistory, layerCount: Int = 3,
        files: [FileRecord] = cleanFiles, contents: [String: [UInt8]] = cleanContents
    ) -> ImageFacts {
        let config = ImageConfig(
            architecture: "amd64", os: "linux", user: user, env: env, exposedPorts: exposedPorts, labels: labels,
            volumes: volumes, healthcheck: healthcheck, history: history)
        return ImageFacts(
            reference: reference, config: config, layers: layers(layerCount), files: files, contents: contents)
    }

    static func findings(_ facts: ImageFacts, _ rule: RuleMetadata) -> [Finding] {
        ImageHygieneAnalyzer().analyze(facts).filter { $0.ruleId == rule.id }
    }

    static func withFiles(_ extra: [FileRecord], contents extraContents: [String: [UInt8]] = [:]) -> ImageFacts {
        facts(files: cleanFiles + extra, contents: cleanContents.merging(extraContents) { $1 })
    }
}
