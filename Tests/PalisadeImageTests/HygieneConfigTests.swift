import PalisadeCore
import Testing

@testable import PalisadeImage

@Suite("Image hygiene: config rules")
struct HygieneConfigTests {
    @Test("A clean image has no hygiene finding at all")
    func cleanImage() {
        #expect(ImageHygieneAnalyzer().analyze(HygieneFixture.facts()).isEmpty)
    }

    @Test(
        "USER that means root is reported",
        arguments: [nil, "", " ", "root", "0", "0:0", "root:root", "0:1000"] as [String?])
    func rootUser(user: String?) throws {
        let found = HygieneFixture.findings(HygieneFixture.facts(user: user), ImageHygieneRules.userRoot)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.location.path == "config.User")
        #expect(finding.location.file == HygieneFixture.reference)
        #expect(finding.location.line == 0)
        #expect(finding.severity == .high)
    }

    @Test("USER that is not root is accepted", arguments: ["1000", "10001:10001", "app", "nobody", "1000:0"])
    func nonRootUser(user: String) {
        let passwd = Array("root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n".utf8)
        var contents = HygieneFixture.cleanContents
        contents["/etc/passwd"] = passwd
        #expect(
            HygieneFixture.findings(HygieneFixture.facts(user: user, contents: contents), ImageHygieneRules.userRoot)
                .isEmpty)
    }

    @Test("A USER name that /etc/passwd maps to UID 0 is root")
    func aliasedRoot() {
        var contents = HygieneFixture.cleanContents
        contents["/etc/passwd"] = Array("root:x:0:0::/root:/bin/sh\napp:x:0:0::/app:/bin/sh\n".utf8)
        let found = HygieneFixture.findings(
            HygieneFixture.facts(user: "app", contents: contents), ImageHygieneRules.userRoot)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("UID 0") == true)
    }

    @Test("Missing or NONE healthcheck is reported, a real one is not")
    func healthcheck() {
        let missing = HygieneFixture.findings(HygieneFixture.facts(healthcheck: nil), ImageHygieneRules.noHealthcheck)
        let none = HygieneFixture.findings(
            HygieneFixture.facts(healthcheck: Healthcheck(test: ["NONE"])), ImageHygieneRules.noHealthcheck)
        let real = HygieneFixture.findings(
            HygieneFixture.facts(healthcheck: Healthcheck(test: ["CMD-SHELL", "curl -f localhost"])),
            ImageHygieneRules.noHealthcheck)
        #expect(missing.map(\.location.path) == ["config.Healthcheck"])
        #expect(none.count == 1)
        #expect(none.first?.message.contains("NONE") == true)
        #expect(real.isEmpty)
    }

    @Test("Port 22 is reported, other ports are not")
    func sshPort() {
        let facts = HygieneFixture.facts(exposedPorts: ["22/tcp", "2222/tcp", "8080/tcp", "53/udp"])
        let found = HygieneFixture.findings(facts, ImageHygieneRules.sshPort)
        #expect(found.map(\.location.path) == ["config.ExposedPorts[\"22/tcp\"]"])
    }

    @Test("Sensitive VOLUMEs are reported, data volumes are not")
    func volumes() {
        let facts = HygieneFixture.facts(volumes: [
            "/data", "/etc", "/var/run/docker.sock", "/proc/", "/var/lib/postgresql/data",
        ])
        let found = HygieneFixture.findings(facts, ImageHygieneRules.sensitiveVolume)
        #expect(
            found.map(\.location.path) == [
                "config.Volumes[\"/etc\"]", "config.Volumes[\"/var/run/docker.sock\"]", "config.Volumes[\"/proc/\"]",
            ])
    }

    @Test("Credential ENV values are reported, redacted; php/dotnet-style names and references are not")
    func environment() throws {
        let env = [
            "PATH=/usr/bin", "GPG_KEYS=39B641343D8C104B2B146DC3F9C39DC0B9698544", "PHP_SHA256=6b2f8e4c1a",
            "PASSWORD_FILE=/run/secrets/db", "DB_PASSWORD=", "API_KEY=${API_KEY}", "PWD=/app",
            "DOTNET_VERSION=8.0.1", "DB_PASSWORD=Sup3rS3cretValue!", "aws_secret_access_key=AbCdEf0123456789xyz",
        ]
        let found = HygieneFixture.findings(HygieneFixture.facts(env: env), ImageHygieneRules.envCredential)
        #expect(found.map(\.location.path) == ["config.Env[8]", "config.Env[9]"])
        let first = try #require(found.first)
        #expect(first.evidence?.contains("Sup3rS3cretValue") == false)
        #expect(first.evidence?.hasPrefix("DB_PASSWORD=") == true)
        #expect(!first.message.contains("Sup3r"))
    }

    @Test(
        "The latest tag is reported on the reference",
        arguments: [
            ("registry.example.com/app:latest", true), ("app:1.0", false), ("app@sha256:abcd", false),
            ("localhost:5000/app", false), ("oci:./image:latest", true),
        ])
    func latestTag(reference: String, reported: Bool) {
        let found = HygieneFixture.findings(HygieneFixture.facts(reference: reference), ImageHygieneRules.latestTag)
        #expect(found.count == (reported ? 1 : 0))
    }

    @Test(
        "An unpinned base image label is reported",
        arguments: [
            ("docker.io/library/alpine:latest", nil, true), ("alpine", nil, true), ("alpine:3.20", nil, false),
            ("docker.io/library/alpine:latest", "sha256:0123", false),
        ] as [(String, String?, Bool)])
    func baseLabel(base: String, digest: String?, reported: Bool) {
        var labels = [(key: "org.opencontainers.image.base.name", value: base)]
        if let digest { labels.append((key: "org.opencontainers.image.base.digest", value: digest)) }
        let found = HygieneFixture.findings(HygieneFixture.facts(labels: labels), ImageHygieneRules.baseLatest)
        #expect(found.count == (reported ? 1 : 0))
        if reported { #expect(found.first?.location.path == "config.Labels[\"org.opencontainers.image.base.name\"]") }
    }
}
