import Foundation
import PalisadeCore
import PalisadeImage
import Testing

/// Real-world Dockerfiles (Tests/Fixtures/dockerfiles, see SOURCES.md): every finding below was
/// checked by hand against the file. Adjustments made while reviewing them: `apt-get dist-clean`
/// counts as removing the apt lists (python:*-trixie), `apt-get install -s` (a simulation) is not an
/// install (postgres:18), and `GPG_KEY` (a public key fingerprint in the python images) is not a
/// secret name. The build context is each file's folder, which has no .dockerignore, but none of
/// these files copies the whole context.
@Suite("Dockerfile fixtures")
struct DockerfileFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/dockerfiles")

    /// `RULE@line` per file, sorted.
    static let expected: [String: [String]] = [
        "docker-library-postgres/17/alpine3.23/Dockerfile": [
            "DF-BASE-NOT-PINNED@7", "DF-CD-IN-RUN@107", "DF-NO-HEALTHCHECK@7", "DF-USER-ROOT@7",
        ],
        "docker-library-postgres/17/bookworm/Dockerfile": [
            "DF-BASE-NOT-PINNED@7", "DF-CD-IN-RUN@115", "DF-NO-HEALTHCHECK@7", "DF-USER-ROOT@7",
        ],
        "docker-library-python/3.14/alpine3.24/Dockerfile": [
            "DF-BASE-NOT-PINNED@7", "DF-CD-IN-RUN@60", "DF-NO-HEALTHCHECK@7", "DF-USER-ROOT@7",
        ],
        "docker-library-python/3.14/slim-trixie/Dockerfile": [
            "DF-BASE-NOT-PINNED@7", "DF-CD-IN-RUN@59", "DF-NO-HEALTHCHECK@7", "DF-USER-ROOT@7",
        ],
        "docker-library-python/3.14/windows/windowsservercore-ltsc2025/Dockerfile": [
            "DF-BASE-NOT-PINNED@7", "DF-NO-HEALTHCHECK@7", "DF-USER-ROOT@7",
        ],
        "jessfraz-dockerfiles/consul/Dockerfile": [
            "DF-BASE-LATEST@1", "DF-BASE-LATEST@55", "DF-CD-IN-RUN@45", "DF-MAINTAINER-DEPRECATED@2",
            "DF-NO-HEALTHCHECK@55", "DF-PIPE-TO-SHELL@24", "DF-USER-ROOT@55",
        ],
        "jessfraz-dockerfiles/cura/Dockerfile": [
            "DF-APT-NO-RECOMMENDS@14", "DF-BASE-NOT-PINNED@1", "DF-NO-HEALTHCHECK@1", "DF-USER-ROOT@1",
        ],
        "jessfraz-dockerfiles/firefox/alpine/Dockerfile": [
            "DF-BASE-LATEST@1", "DF-NO-HEALTHCHECK@1", "DF-USER-ROOT@1",
        ],
        "jessfraz-dockerfiles/gitserver/Dockerfile": [
            "DF-BASE-LATEST@8", "DF-EXPOSE-SSH@28", "DF-NO-HEALTHCHECK@8", "DF-USER-ROOT@8",
        ],
        "jessfraz-dockerfiles/httpie/Dockerfile": [
            "DF-BASE-LATEST@1", "DF-NO-HEALTHCHECK@1", "DF-PIP-NO-CACHE@8", "DF-USER-ROOT@1",
        ],
        "jessfraz-dockerfiles/mpd/Dockerfile": ["DF-BASE-NOT-PINNED@11", "DF-CHMOD-777@26", "DF-NO-HEALTHCHECK@11"],
        "jessfraz-dockerfiles/nomad/Dockerfile": [
            "DF-BASE-LATEST@1", "DF-BASE-LATEST@47", "DF-MAINTAINER-DEPRECATED@2", "DF-NO-HEALTHCHECK@47",
            "DF-PIPE-TO-SHELL@16", "DF-USER-ROOT@47",
        ],
        "jessfraz-dockerfiles/openbmc/Dockerfile": [
            "DF-APT-NO-RECOMMENDS@3", "DF-BASE-NOT-PINNED@1", "DF-NO-HEALTHCHECK@1", "DF-USER-ROOT@1",
        ],
        "jessfraz-dockerfiles/spotify-wine/Dockerfile": [
            "DF-ADD-REMOTE@15", "DF-BASE-LATEST@12", "DF-NO-HEALTHCHECK@12", "DF-USER-ROOT@12",
        ],
        "jessfraz-dockerfiles/tor-relay/Dockerfile": ["DF-BASE-LATEST@19", "DF-NO-HEALTHCHECK@19"],
        "jessfraz-dockerfiles/transfer-sh/Dockerfile": [
            "DF-BASE-LATEST@20", "DF-BASE-NOT-PINNED@1", "DF-NO-HEALTHCHECK@20", "DF-USER-ROOT@20",
        ],
        "jessfraz-dockerfiles/vault/Dockerfile": [
            "DF-BASE-LATEST@1", "DF-BASE-LATEST@42", "DF-NO-HEALTHCHECK@42", "DF-PIPE-TO-SHELL@16", "DF-USER-ROOT@42",
        ],
        "jessfraz-dockerfiles/wee-slack/Dockerfile": [
            "DF-ADD-REMOTE@28", "DF-BASE-LATEST@14", "DF-NO-HEALTHCHECK@14", "DF-PIP-NO-CACHE@24",
        ],
        "jessfraz-dockerfiles/wireshark/Dockerfile": [
            "DF-APT-NO-RECOMMENDS@19", "DF-BASE-NOT-PINNED@10", "DF-NO-HEALTHCHECK@10", "DF-WORKDIR-RELATIVE@32",
        ],
        "jessfraz-dockerfiles/zookeeper/3.6/Dockerfile": [
            "DF-BASE-NOT-PINNED@1", "DF-NO-HEALTHCHECK@1", "DF-USER-ROOT@1",
        ],
    ]

    static var files: [String] {
        DockerfileDiscovery.find(in: root.path).map { String($0.dropFirst(root.path.count + 1)) }
    }

    @Test("the fixture set is the one reviewed")
    func fileList() {
        #expect(Self.files.sorted() == Self.expected.keys.sorted())
    }

    @Test("hand-checked findings per file", arguments: expected.keys.sorted())
    func findings(_ file: String) throws {
        let path = Self.root.appendingPathComponent(file).path
        let found = try DockerfileFileScanner().scan(path).map { "\($0.ruleId)@\($0.location.line)" }.sorted()
        #expect(found == Self.expected[file])
    }
}
