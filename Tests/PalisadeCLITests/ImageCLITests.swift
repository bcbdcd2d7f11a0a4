import Foundation
import Testing

/// `palisade image` and `palisade sbom` end to end on real images built from Debian's packages by
/// scripts/build-test-images (see the comment at its top for what each layer holds). Expected
/// values come from what the build recorded (dpkg-query, pip metadata, layer digests, the
/// generated secrets), never from Palisade.
@Suite(
    "palisade image and sbom on real images",
    .enabled(if: TestImages.shouldRun, "test images not built: run scripts/build-test-images"))
struct ImageCLITests {
    static func scan(_ reference: String, format: String = "json") throws -> CLIRunner.Run {
        try TestImages.requireBuilt()
        let run = try CommandCache.shared.run(["image", reference, "--format", format])
        #expect(run.status == 0, "palisade image \(reference) --format \(format): \(run.stderr.prefix(2000))")
        return run
    }

    static func findings(_ reference: String) throws -> [ReportedFinding] {
        try ReportedFinding.all(in: scan(reference))
    }

    static func sbom(_ reference: String, format: String) throws -> CLIRunner.Run {
        try TestImages.requireBuilt()
        let run = try CommandCache.shared.run(["sbom", reference, "--format", format])
        #expect(run.status == 0, "palisade sbom \(reference) --format \(format): \(run.stderr.prefix(2000))")
        return run
    }

    // MARK: Secrets, fossils included

    @Test(
        "secrets are found in every layer: deleted ones as removed fossils, with the layer that added them",
        arguments: BookwormImage.allCases)
    func fossilSecrets(image: BookwormImage) throws {
        let layers = try TestImages.layerDigests(image.layersKey)
        try #require(layers.count == 3)
        let secrets = try Self.findings(image.reference).filter(\.isSecret)

        let sshKey = secrets.filter { $0.path == "/root/.ssh/id_rsa" }
        try #require(sshKey.count == 1, "\(secrets)")
        #expect(sshKey[0].isPrivateKey, "\(sshKey[0])")
        #expect(sshKey[0].line == 1)
        #expect(sshKey[0].layer == layers[1], "the key was added by the second layer")
        #expect(sshKey[0].presence == "removed", "the third layer deletes it")

        let aws = secrets.filter { $0.path == "/root/.aws/credentials" }.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        try #require(aws.count == 2, "an access key ID and a secret access key: \(secrets)")
        #expect(aws.map(\.line) == [2, 3], "aws_access_key_id is on line 2, aws_secret_access_key on line 3")
        for finding in aws {
            #expect(finding.ruleId.contains("AWS"), "\(finding)")
            #expect(finding.layer == layers[1])
            #expect(finding.presence == "removed")
        }
        #expect(aws[0].ruleId != aws[1].ruleId, "the key ID and the secret key are different kinds of secret")

        let tlsKey = secrets.filter { $0.path == "/etc/ssl/private/server.key" }
        try #require(tlsKey.count == 1, "\(secrets)")
        #expect(tlsKey[0].isPrivateKey, "\(tlsKey[0])")
        #expect(tlsKey[0].line == 1)
        #expect(tlsKey[0].layer == layers[2])
        #expect(tlsKey[0].presence == "present", "nothing deletes it")

        // Debian's libgnutls embeds its self-test private keys: real PEM keys, reported, but at LOW
        // because they sit in a compiled binary. Nothing else may be reported.
        let planted = secrets.filter { $0.severity != "LOW" }
        #expect(planted.count == 4, "no other secrets are in the image: \(planted)")
        let embedded = secrets.filter { $0.severity == "LOW" }
        #expect(
            embedded.allSatisfy { $0.path?.contains("/libgnutls.so") == true && $0.presence == "present" },
            "\(embedded)")
    }

    @Test(
        "secret values never appear in any output format",
        arguments: ["json", "sarif", "table", "markdown", "junit"])
    func secretsAreRedacted(format: String) throws {
        let secrets = try TestImages.secrets()
        let run = try Self.scan(BookwormImage.ociLayout.reference, format: format)
        #expect(run.stdout.contains(".ssh/id_rsa"), "the report names the fossil key: \(run.stdout.prefix(2000))")
        #expect(run.stdout.contains(".aws/credentials"))
        // Checked through locals so that a failure message names the leak but never prints it.
        let leakedOnStdout = secrets.leaks(in: run.stdout)
        let leakedOnStderr = secrets.leaks(in: run.stderr)
        #expect(leakedOnStdout.isEmpty)
        #expect(leakedOnStderr.isEmpty)
    }

    @Test("the test's leak check finds a planted value, so it cannot pass vacuously")
    func leakCheckWorks() throws {
        let secrets = try TestImages.secrets()
        let secretTail = secrets.leaks(in: "x \(secrets.awsSecretAccessKey.dropFirst(20)) y")
        let keyID = secrets.leaks(in: "key: \(secrets.awsAccessKeyID)")
        #expect(!secretTail.isEmpty)
        #expect(!keyID.isEmpty)
        let pemLines = secrets.sshPrivateKeyPEM.split(separator: "\n")
        try #require(pemLines.count > 2, "secrets.json has no PEM body")
        let pemLine = pemLines[1]
        let pem = secrets.leaks(in: "evidence \(pemLine)")
        let redacted = secrets.leaks(in: "AKIA****\(secrets.awsAccessKeyID.suffix(4))")
        #expect(!pem.isEmpty)
        #expect(redacted.isEmpty)
    }

    @Test("the distroless image has no secrets")
    func distrolessHasNoSecrets() throws {
        let secrets = try Self.findings(DistrolessImage.latest).filter(\.isSecret)
        #expect(secrets.isEmpty, "\(secrets)")
    }

    // MARK: Image hygiene

    @Test("bookworm runs as root, has no healthcheck and is not minimal", arguments: BookwormImage.allCases)
    func bookwormHygiene(image: BookwormImage) throws {
        let findings = try Self.findings(image.reference)
        let ids = Set(findings.map(\.ruleId))
        #expect(ids.contains("IMG-USER-ROOT"), "\(ids.sorted())")
        #expect(ids.contains("IMG-NO-HEALTHCHECK"), "\(ids.sorted())")
        let notMinimal = findings.filter { !$0.isSecret && $0.mentionsShellOrPackageManager }
        #expect(!notMinimal.isEmpty, "a finding names bash or apt: \(findings.map(\.message))")
    }

    @Test("distroless runs as nonroot and has no shell or package manager, but no healthcheck either")
    func distrolessHygiene() throws {
        let findings = try Self.findings(DistrolessImage.latest)
        let ids = Set(findings.map(\.ruleId))
        #expect(!ids.contains("IMG-USER-ROOT"), "user is 65532")
        #expect(ids.contains("IMG-NO-HEALTHCHECK"), "\(ids.sorted())")
        let shellish = findings.filter(\.mentionsShellOrPackageManager)
        #expect(shellish.isEmpty, "\(shellish.map(\.message))")
    }

    @Test("a healthcheck in the config silences IMG-NO-HEALTHCHECK")
    func healthcheck() throws {
        let ids = Set(try Self.findings(DistrolessImage.withHealthcheck).map(\.ruleId))
        #expect(!ids.contains("IMG-NO-HEALTHCHECK"), "\(ids.sorted())")
        #expect(!ids.contains("IMG-USER-ROOT"))
    }

    // MARK: SBOM

    @Test("CycloneDX SBOM lists exactly the dpkg and pip packages", arguments: BookwormImage.allCases)
    func cycloneDX(image: BookwormImage) throws {
        let run = try Self.sbom(image.reference, format: "cyclonedx")
        let json = try jsonObject(run)
        #expect(json["bomFormat"] as? String == "CycloneDX")
        try Self.checkBookwormPackages(SBOMPackage.cycloneDX(json))
        let leaked = try TestImages.secrets().leaks(in: run.stdout)
        #expect(leaked.isEmpty)
    }

    @Test("SPDX SBOM lists exactly the dpkg and pip packages")
    func spdx() throws {
        let run = try Self.sbom(BookwormImage.ociLayout.reference, format: "spdx")
        let json = try jsonObject(run)
        #expect((json["spdxVersion"] as? String)?.hasPrefix("SPDX-2.") == true)
        try Self.checkBookwormPackages(SBOMPackage.spdx(json))
    }

    @Test("distroless SBOM lists exactly the packages of /var/lib/dpkg/status.d")
    func distrolessSBOM() throws {
        let run = try Self.sbom(DistrolessImage.latest, format: "cyclonedx")
        let json = try jsonObject(run)
        let packages = SBOMPackage.cycloneDX(json)
        try Self.checkDebs(packages, expected: try TestImages.dpkgPackages("expected/distroless-dpkg.tsv"))
        let python = packages.filter { $0.packageURL?.type == "pypi" }
        #expect(python.isEmpty, "\(python)")
    }

    static func checkBookwormPackages(_ packages: [SBOMPackage]) throws {
        let expectedDebs = try TestImages.dpkgPackages("expected/bookworm-dpkg.tsv")
        #expect(expectedDebs.count > 80, "minbase has about 90 packages")
        try checkDebs(packages, expected: expectedDebs)

        let python = packages.filter { $0.packageURL?.type == "pypi" }
        let expectedPython = try TestImages.pythonPackages()
        #expect(
            python.map { NameVersion(name: $0.name.lowercased(), version: $0.version) }.sorted()
                == expectedPython.sorted())
        for package in python {
            #expect(package.purl == "pkg:pypi/\(package.name.lowercased())@\(package.version)")
        }
    }

    /// The deb packages equal `expected` (no more, no fewer, no duplicates), each with a purl
    /// `pkg:deb/debian/<name>@<percent-encoded version>?arch=<arch>&distro=debian-12` (other
    /// qualifiers, such as `upstream`, may follow).
    static func checkDebs(_ packages: [SBOMPackage], expected: [DpkgPackage]) throws {
        let debs = packages.filter { $0.packageURL?.type == "deb" }
        let listed = debs.map { NameVersion(name: $0.name, version: $0.version) }.sorted()
        let wanted = expected.map(\.nameVersion).sorted()
        #expect(
            listed == wanted, "missing \(Set(wanted).subtracting(listed)), extra \(Set(listed).subtracting(wanted))")
        let architectures = Dictionary(expected.map { ($0.name, $0.architecture) }, uniquingKeysWith: { a, _ in a })
        // One expectation for all packages, so a systematic mistake reads as one issue, not ninety.
        let badPURLs = debs.filter { deb in
            guard let purl = deb.packageURL else { return true }
            // A raw "+" would read as a space to form decoders; ":" may be left as is.
            return purl.namespace != "debian" || purl.name != deb.name || purl.version != deb.version
                || purl.encodedVersion.contains("+") || purl.qualifiers["arch"] != architectures[deb.name]
                || purl.qualifiers["distro"] != "debian-12"
        }
        #expect(badPURLs.isEmpty, "\(badPURLs.count) unexpected purls, e.g. \(badPURLs.prefix(3))")
    }
}

/// The helpers the image tests rely on, checked without any image.
@Suite("image test helpers")
struct ImageTestHelperTests {
    @Test("the purl parser used above reads encoded versions and qualifiers")
    func purlParser() throws {
        let purl = try #require(
            PackageURL("pkg:deb/debian/bsdutils@1%3A2.38.1-5%2Bdeb12u3?arch=amd64&distro=debian-12"))
        #expect(purl.type == "deb" && purl.namespace == "debian" && purl.name == "bsdutils")
        #expect(purl.version == "1:2.38.1-5+deb12u3")
        #expect(purl.qualifiers == ["arch": "amd64", "distro": "debian-12"])
        #expect(PackageURL("deb/debian/x@1") == nil)
    }

    @Test(
        "a not-minimal message is recognised by the words it names",
        arguments: [
            ("the image contains a shell (/bin/bash) and a package manager (apt-get)", true),
            ("/bin/sh is present", true),
            ("dpkg and apt can install software at run time", true),
            ("the image has no HEALTHCHECK", false),
            ("the container runs as user root (uid 0)", false),
            ("port 22/tcp (ssh) is exposed; adapt the capture settings", false),
        ])
    func notMinimalMessages(message: String, expected: Bool) {
        let finding = ReportedFinding(["ruleId": "IMG-X", "message": message])
        #expect(finding.mentionsShellOrPackageManager == expected)
    }
}
