import Foundation
import Testing

/// Registries end to end: real images pushed with skopeo into a real docker-registry on loopback,
/// pulled and audited by the real binary.
@Suite(
    "palisade image HOST/REPO and registry audit against a real registry",
    .enabled(if: LocalRegistry.shouldRun, "docker-registry, skopeo and the test images are needed"))
struct RegistryCLITests {
    static var layout: String { TestImages.path("vulnerable-python-oci") }

    /// (rule, path, layer, presence) of every finding: what must not depend on where the image came from.
    static func keys(_ run: CLIRunner.Run) throws -> [String] {
        let object = try #require(run.json, "not JSON: \(run.stdout.prefix(300)) \(run.stderr.prefix(300))")
        let findings = try #require(object["findings"] as? [[String: Any]])
        return findings.map { f in
            let l = f["location"] as? [String: Any] ?? [:]
            return [
                f["ruleId"] as? String ?? "", l["path"] as? String ?? "", l["layer"] as? String ?? "",
                l["presence"] as? String ?? "",
            ].joined(separator: " ")
        }.sorted()
    }

    static func rules(_ run: CLIRunner.Run) throws -> [String] {
        let findings = try #require(run.json?["findings"] as? [[String: Any]], "\(run.stderr.prefix(300))")
        return findings.compactMap { $0["ruleId"] as? String }
    }

    @Test func pullByTagAndDigestGivesTheLayoutsFindings() throws {
        try TestImages.requireBuilt()
        let registry = try LocalRegistry(.plainHTTP)
        let digest = try registry.push("oci:\(Self.layout):latest", to: "team/vpy", tag: "1.0")
        let common = ["--scanners", "secret,config", "--format", "json", "--insecure-registry", registry.host]
        let local = try CLIRunner.run(
            ["image", "oci:\(Self.layout):latest", "--scanners", "secret,config", "--format", "json"])
        let byTag = try CLIRunner.run(["image", "\(registry.host)/team/vpy:1.0"] + common)
        let byDigest = try CLIRunner.run(["image", "docker://\(registry.host)/team/vpy@\(digest)"] + common)
        #expect(byTag.status == 0, "\(byTag.stderr)")
        #expect(byDigest.status == 0, "\(byDigest.stderr)")
        // Same findings, plus the plain-HTTP transport; the layout's :latest gives IMG-LATEST-TAG.
        let expected = try Self.keys(local).filter { !$0.hasPrefix("IMG-LATEST-TAG") }
        let fromTag = try Self.keys(byTag)
        #expect(fromTag.filter { !$0.hasPrefix("REG-PLAIN-HTTP") } == expected)
        #expect(fromTag.contains { $0.hasPrefix("REG-PLAIN-HTTP") })
        #expect(try Self.keys(byDigest).filter { !$0.hasPrefix("REG-PLAIN-HTTP") } == expected)

        // Plain HTTP without --insecure-registry: refused, one line, exit 2.
        let refused = try CLIRunner.run(["image", "\(registry.host)/team/vpy:1.0", "--format", "json"])
        #expect(refused.status == 2)
        #expect(refused.stderrLines.count == 1, "\(refused.stderr)")
        // A tag and a repository that do not exist.
        for ref in ["\(registry.host)/team/vpy:nope", "\(registry.host)/team/none:1"] {
            let missing = try CLIRunner.run(["image", ref] + common)
            #expect(missing.status == 2)
            #expect(missing.stderrLines.count == 1 && missing.stderr.contains("404"), "\(missing.stderr)")
        }
    }

    @Test func unreachableRegistriesAreOneLineErrors() throws {
        for (ref, words) in [
            ("no-such-host.invalid/team/app:1", "resolve"), ("127.0.0.1:1/team/app:1", "connect"),
            ("docker://127.0.0.1:1/Team/App", "not a registry reference"),
        ] {
            let run = try CLIRunner.run(["image", ref, "--scanners", "config"])
            #expect(run.status == 2, "\(ref)")
            #expect(run.stderrLines.count == 1 && run.stderr.contains(words), "\(ref): \(run.stderr)")
        }
        let audit = try CLIRunner.run(["registry", "audit", "no-such-host.invalid", "--history", "/nonexistent/h.json"])
        #expect(audit.status == 2)
        #expect(audit.stderrLines.count == 1, "\(audit.stderr)")
    }

    /// A two-platform index (the distroless test layout's two images as linux/amd64 and
    /// linux/arm64/v8): --platform picks the manifest, an absent platform lists the available ones.
    @Test func multiPlatformIndexSelectsThePlatform() throws {
        try TestImages.requireBuilt()
        let registry = try LocalRegistry(.plainHTTP)
        let layout = registry.root + "/multi"
        let script = """
            import hashlib, json, os, shutil, sys
            src, dst = sys.argv[1:3]
            shutil.copytree(src, dst)
            entries = json.load(open(os.path.join(src, 'index.json')))['manifests']
            by_name = {e['annotations']['org.opencontainers.image.ref.name']: e for e in entries}
            def entry(name, platform):
                e = dict(by_name[name]); e.pop('annotations'); e['platform'] = platform; return e
            nested = json.dumps({'schemaVersion': 2, 'mediaType': 'application/vnd.oci.image.index.v1+json',
                'manifests': [entry('latest', {'os': 'linux', 'architecture': 'amd64'}),
                              entry('healthcheck', {'os': 'linux', 'architecture': 'arm64', 'variant': 'v8'})]}).encode()
            digest = hashlib.sha256(nested).hexdigest()
            open(os.path.join(dst, 'blobs', 'sha256', digest), 'wb').write(nested)
            json.dump({'schemaVersion': 2, 'manifests': [{'mediaType': 'application/vnd.oci.image.index.v1+json',
                'digest': 'sha256:' + digest, 'size': len(nested),
                'annotations': {'org.opencontainers.image.ref.name': 'multi'}}]}, open(os.path.join(dst, 'index.json'), 'w'))
            print(by_name['latest']['digest'], by_name['healthcheck']['digest'])
            """
        let digests = try LocalRegistry.output("python3", ["-c", script, TestImages.path("distroless-oci"), layout])
            .split(separator: " ").map(String.init)
        try #require(digests.count == 2)
        try registry.push("oci:\(layout):multi", to: "team/multi", tag: "1")
        let base = [
            "image", "\(registry.host)/team/multi:1", "--insecure-registry", registry.host, "--scanners", "config",
        ]
        for (platform, digest) in [("linux/amd64", digests[0]), ("linux/arm64", digests[1])] {
            let run = try CLIRunner.run(base + ["--platform", platform, "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains(String(digest.prefix(19))), "\(platform): \(run.stderr)")
        }
        let absent = try CLIRunner.run(base + ["--platform", "linux/s390x"])
        #expect(absent.status == 2)
        #expect(absent.stderrLines.count == 1, "\(absent.stderr)")
        #expect(absent.stderr.contains("linux/amd64, linux/arm64/v8"), "\(absent.stderr)")
    }

    @Test func tlsWithBasicAuth() throws {
        try TestImages.requireBuilt()
        let registry = try LocalRegistry(.tls(user: "alice", password: "correct horse", certificateDays: 10))
        try registry.push("oci:\(Self.layout):latest", to: "team/vpy", tag: "1.0")
        let ca = try #require(registry.caFile)
        let ref = "\(registry.host)/team/vpy:1.0"
        let args = ["image", ref, "--scanners", "config", "--format", "json"]

        let good = try CLIRunner.run(
            args + ["--ca-file", ca, "--username", "alice", "--password-stdin"], stdin: "correct horse\n")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try !Self.rules(good).contains("REG-PLAIN-HTTP"))

        let wrong = try CLIRunner.run(
            args + ["--ca-file", ca, "--username", "alice", "--password-stdin"], stdin: "battery staple\n")
        #expect(wrong.status == 2)
        #expect(wrong.stderrLines.count == 1 && wrong.stderr.contains("401"), "\(wrong.stderr)")

        let anonymous = try CLIRunner.run(args + ["--ca-file", ca, "--docker-config", registry.root + "/none.json"])
        #expect(anonymous.status == 2)
        #expect(anonymous.stderr.contains("login") || anonymous.stderr.contains("401"), "\(anonymous.stderr)")

        // The test CA is not trusted without --ca-file.
        let untrusted = try CLIRunner.run(args + ["--username", "alice", "--password-stdin"], stdin: "correct horse")
        #expect(untrusted.status == 2)
        #expect(untrusted.stderrLines.count == 1 && untrusted.stderr.contains("TLS"), "\(untrusted.stderr)")

        // Credentials from a Docker config file.
        let auth = Data("alice:correct horse".utf8).base64EncodedString()
        try #"{"auths": {"\#(registry.host)": {"auth": "\#(auth)"}}}"#.write(
            toFile: registry.root + "/config.json", atomically: true, encoding: .utf8)
        let fromConfig = try CLIRunner.run(args + ["--ca-file", ca, "--docker-config", registry.root + "/config.json"])
        #expect(fromConfig.status == 0, "\(fromConfig.stderr)")

        // The audit sees the certificate expiring in 10 days, the login requirement, one repository.
        let audit = try CLIRunner.run(
            [
                "registry", "audit", registry.host, "--ca-file", ca, "--username", "alice", "--password-stdin",
                "--history", registry.root + "/history.json", "--format", "json",
            ], stdin: "correct horse")
        #expect(audit.status == 0, "\(audit.stderr)")
        let rules = try Self.rules(audit)
        #expect(rules.contains("REG-TLS-EXPIRING"))
        #expect(!rules.contains("REG-ANONYMOUS-CATALOG") && !rules.contains("REG-ANONYMOUS-PULL"), "\(rules)")
        #expect(!rules.contains("REG-TLS-LEGACY"), "docker-registry 2.8 refuses TLS 1.0/1.1")
        #expect(audit.stderr.contains("team/vpy"), "\(audit.stderr)")

        let untrustedAudit = try CLIRunner.run(
            ["registry", "audit", registry.host, "--history", registry.root + "/h2.json", "--format", "json"])
        #expect(try Self.rules(untrustedAudit) == ["REG-TLS-UNTRUSTED"])
    }

    @Test func auditReportsAMovedTagAndSignatures() throws {
        try TestImages.requireBuilt()
        let registry = try LocalRegistry(.plainHTTP)
        let first = try registry.push("oci:\(Self.layout):latest", to: "team/app", tag: "1.0")
        let signedDigest = try registry.push("oci:\(Self.layout):latest", to: "team/signed", tag: "1.0")
        let history = registry.root + "/history.json"
        let audit = [
            "registry", "audit", registry.host, "--insecure-registry", registry.host, "--history", history,
            "--format", "json",
        ]

        // A cosign-style signature of team/signed:1.0, made with openssl and uploaded through the API.
        let key = registry.root + "/cosign.key"
        try LocalRegistry.run("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key])
        try LocalRegistry.run("openssl", ["ec", "-in", key, "-pubout", "-out", registry.root + "/cosign.pub"])
        try Self.pushSignature(registry, repository: "team/signed", digest: signedDigest, key: key)

        let once = try CLIRunner.run(audit)
        #expect(once.status == 0, "\(once.stderr)")
        let firstRules = try Self.rules(once)
        #expect(firstRules.contains("REG-PLAIN-HTTP"))
        #expect(firstRules.contains("REG-ANONYMOUS-CATALOG"))
        #expect(firstRules.filter { $0 == "REG-UNSIGNED-IMAGE" }.count == 1, "\(firstRules)")
        #expect(!firstRules.contains("REG-TAG-MOVED"))

        // The key verifies the signature; another key does not.
        let verified = try CLIRunner.run(audit + ["--key", registry.root + "/cosign.pub"])
        #expect(try !Self.rules(verified).contains("REG-SIGNATURE-INVALID"), "\(verified.stdout.prefix(800))")
        let other = registry.root + "/other.key"
        try LocalRegistry.run("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", other])
        try LocalRegistry.run("openssl", ["ec", "-in", other, "-pubout", "-out", registry.root + "/other.pub"])
        let wrongKey = try CLIRunner.run(audit + ["--key", registry.root + "/other.pub"])
        #expect(try Self.rules(wrongKey).contains("REG-SIGNATURE-INVALID"))

        // With the PyPA advisories: both tags hold the vulnerable-python image.
        let scanned = try CLIRunner.run(
            audit + ["--vulnerabilities", "--db", try VulnerabilityCLITests.database.get()])
        #expect(scanned.status == 0, "\(scanned.stderr)")
        let vulnerable = try #require(scanned.json?["findings"] as? [[String: Any]]).filter {
            $0["ruleId"] as? String == "REG-VULNERABLE-IMAGE"
        }
        #expect(vulnerable.count == 2, "\(vulnerable)")
        #expect(vulnerable.allSatisfy { ($0["message"] as? String ?? "").contains("PYSEC-") })

        // team/app:1.0 moves to another image between two audits.
        let moved = try registry.push("oci:\(TestImages.path("bookworm-oci"))", to: "team/app", tag: "1.0")
        #expect(moved != first)
        let twice = try CLIRunner.run(audit)
        let findings = try #require(twice.json?["findings"] as? [[String: Any]])
        let movedFindings = findings.filter { $0["ruleId"] as? String == "REG-TAG-MOVED" }
        #expect(movedFindings.count == 1)
        let message = movedFindings.first?["message"] as? String ?? ""
        #expect(message.contains(first) && message.contains(moved), "\(message)")
        #expect(twice.stderr.contains("team/app"), "summary table: \(twice.stderr)")
    }

    /// Uploads a simple-signing payload for `digest` as `sha256-<hex>.sig`, signed by `key`
    /// with openssl (ECDSA P-256 over SHA-256, DER), the way `cosign sign --key` stores it.
    static func pushSignature(_ registry: LocalRegistry, repository: String, digest: String, key: String) throws {
        let payload =
            #"{"critical":{"identity":{"docker-reference":"\#(registry.host)/\#(repository)"},"image":{"docker-manifest-digest":"\#(digest)"},"type":"cosign container image signature"},"optional":null}"#
        let payloadPath = registry.root + "/payload.json"
        try payload.write(toFile: payloadPath, atomically: true, encoding: .utf8)
        try LocalRegistry.run(
            "openssl", ["dgst", "-sha256", "-sign", key, "-out", registry.root + "/payload.sig", payloadPath])
        let script = """
            import base64, hashlib, json, sys, urllib.request
            host, repo, digest, payload_path, sig_path = sys.argv[1:6]
            payload = open(payload_path, 'rb').read()
            signature = base64.b64encode(open(sig_path, 'rb').read()).decode()
            def req(method, url, data=None, headers=None):
                return urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers or {}))
            def upload(blob):
                d = 'sha256:' + hashlib.sha256(blob).hexdigest()
                loc = req('POST', f'http://{host}/v2/{repo}/blobs/uploads/').headers['Location']
                url = loc if loc.startswith('http') else f'http://{host}{loc}'
                req('PUT', url + ('&' if '?' in url else '?') + 'digest=' + d, blob, {'Content-Type': 'application/octet-stream'})
                return d
            config = b'{}'
            manifest = {'schemaVersion': 2, 'mediaType': 'application/vnd.oci.image.manifest.v1+json',
                'config': {'mediaType': 'application/vnd.oci.image.config.v1+json', 'digest': upload(config), 'size': len(config)},
                'layers': [{'mediaType': 'application/vnd.dev.cosign.simplesigning.v1+json', 'digest': upload(payload),
                            'size': len(payload), 'annotations': {'dev.cosignproject.cosign/signature': signature}}]}
            tag = 'sha256-' + digest.split(':')[1] + '.sig'
            req('PUT', f'http://{host}/v2/{repo}/manifests/{tag}', json.dumps(manifest).encode(),
                {'Content-Type': 'application/vnd.oci.image.manifest.v1+json'})
            """
        try LocalRegistry.run(
            "python3", ["-c", script, registry.host, repository, digest, payloadPath, registry.root + "/payload.sig"])
    }
}
