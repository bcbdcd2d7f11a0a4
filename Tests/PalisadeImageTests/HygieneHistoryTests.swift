import PalisadeCore
import Testing

@testable import PalisadeImage

@Suite("Image hygiene: history rules")
struct HygieneHistoryTests {
    @Test(
        "created_by is normalised across builders",
        arguments: [
            ("/bin/sh -c #(nop) ADD file:5d6b639e in / ", "ADD", "file:5d6b639e in /"),
            ("/bin/sh -c #(nop)  CMD [\"bash\"]", "CMD", "[\"bash\"]"),
            ("/bin/sh -c apt-get update", "RUN", "apt-get update"),
            ("|2 A=1 B=2 /bin/sh -c make install", "RUN", "make install"),
            ("RUN /bin/sh -c apk add curl # buildkit", "RUN", "apk add curl"),
            ("RUN |1 VERSION=1.2 /bin/sh -c make # buildkit", "RUN", "make"),
            ("RUN /bin/bash -o pipefail -c curl x | sh # buildkit", "RUN", "curl x | sh"),
            ("ADD https://example.com/a.tgz /opt/ # buildkit", "ADD", "https://example.com/a.tgz /opt/"),
            ("COPY --from=build /out /app # buildkit", "COPY", "--from=build /out /app"),
            ("USER 10001", "USER", "10001"),
        ])
    func normalise(createdBy: String, keyword: String, arguments: String) {
        let instruction = HistoryInstruction(createdBy: createdBy)
        #expect(instruction.keyword == keyword)
        #expect(instruction.arguments == arguments)
    }

    @Test("Entries that are not Dockerfile instructions have no keyword")
    func foreign() {
        #expect(HistoryInstruction(createdBy: "apko").keyword == nil)
        #expect(HistoryInstruction(createdBy: "").keyword == nil)
        #expect(HistoryInstruction(createdBy: "bazel build //app:image").keyword == nil)
    }

    static func facts(_ createdBy: [String]) -> ImageFacts {
        let history = HygieneFixture.cleanHistory + createdBy.map { HistoryEntry(createdBy: $0) }
        return HygieneFixture.facts(history: history, layerCount: 3 + createdBy.count)
    }

    static func ids(_ createdBy: String) -> [String] {
        ImageHygieneAnalyzer().analyze(facts([createdBy])).map(\.ruleId)
    }

    @Test(
        "Each history rule fires on its pattern and only there",
        arguments: [
            ("ADD https://example.com/tool.tar.gz /opt/ # buildkit", ["IMG-ADD-REMOTE"]),
            ("ADD --checksum=sha256:24454f830c https://example.com/tool.tar.gz /opt/ # buildkit", []),
            ("ADD tool.tar.gz /opt/ # buildkit", ["IMG-ADD-ARCHIVE"]),
            ("/bin/sh -c #(nop) ADD file:0a1b2c in /app/ ", ["IMG-ADD-LOCAL"]),
            ("COPY tool.tar.gz /opt/ # buildkit", []),
            ("RUN /bin/sh -c sudo apt-get install -y curl # buildkit", ["IMG-SUDO"]),
            ("RUN /bin/sh -c apt-get update && apt-get install -y sudo && rm -rf /var/lib/apt/lists/* # buildkit", []),
            ("/bin/sh -c apt-get update", ["IMG-APT-UPDATE-ALONE"]),
            ("/bin/sh -c apt-get -o Acquire::Retries=3 update && apt-get -y install curl", []),
            ("/bin/sh -c apk update", ["IMG-APT-UPDATE-ALONE"]),
            ("/bin/sh -c apt-get update && apt-get -y dist-upgrade", ["IMG-DIST-UPGRADE"]),
            ("/bin/sh -c apt-get update && apt-get -y upgrade", []),
            ("/bin/sh -c apk add curl", ["IMG-APK-NO-CACHE"]),
            ("/bin/sh -c apk add --no-cache curl", []),
            ("/bin/sh -c apk --no-cache add curl", []),
            ("/bin/sh -c apk add curl && rm -rf /var/cache/apk/*", []),
            ("/bin/sh -c echo 'sudo is not used here' && dotnet --info", []),
            ("FROM alpine", ["IMG-BASE-LATEST"]),
            ("FROM alpine:3.20", []),
        ])
    func historyRule(createdBy: String, expected: [String]) {
        #expect(Self.ids(createdBy) == expected)
    }

    @Test("The base root filesystem ADD in the first layer is not reported, a later one is")
    func rootfs() {
        let history = [
            HistoryEntry(createdBy: "ADD alpine-minirootfs-3.20.0-x86_64.tar.gz / # buildkit"),
            HistoryEntry(createdBy: "CMD [\"/bin/sh\"] # buildkit", emptyLayer: true),
            HistoryEntry(createdBy: "ADD vendor.tar.gz /opt/ # buildkit"),
        ]
        let found = ImageHygieneAnalyzer().analyze(HygieneFixture.facts(history: history))
        #expect(found.map(\.ruleId) == ["IMG-ADD-ARCHIVE"])
        #expect(found.first?.location.path == "history[2].created_by")
    }

    @Test("Remote ADD messages never show URL credentials or query strings")
    func redactedURL() throws {
        let facts = Self.facts(["ADD https://user:tok3n@example.com/a.tgz?sig=abc /opt/ # buildkit"])
        let finding = try #require(HygieneFixture.findings(facts, ImageHygieneRules.addRemote).first)
        #expect(!finding.message.contains("tok3n"))
        #expect(!finding.message.contains("sig=abc"))
        #expect(finding.message.contains("https://example.com/a.tgz"))
        #expect(finding.location.path == "history[4].created_by")
    }
}
