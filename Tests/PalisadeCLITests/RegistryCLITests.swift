import Foundation
import RegistryTestSupport
import Testing

/// Registries end to end: real images pushed with skopeo into a real docker-registry on loopback,
/// pulled and audited by the real binary.
@Suite(
    "palisade image HOST/REPO and registry audit against a real registry",
    .enabled(
        if: RegistryTools.shouldRun && TestImages.shouldRun,
        "docker-registry, skopeo and the test images are needed (scripts/setup, scripts/build-test-images)"))
struct RegistryCLITests {
    static var layout: String { TestImages.path("vulnerable-python-oci") }

    /// Runs a helper program (openssl, python3) that must succeed.
    @discardableResult
    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        let result = try ProcessRunner.run(name, arguments)
        try #require(result.succeeded, "\(name) \(arguments.first ?? ""): \(result.stderr.prefix(400))")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

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
        let registry = try RegistryTestServer(mode: .plainHTTP)
        let digest = try registry.push(ociLayout: Self.layout, tag: "latest", to: "team/vpy", tag: "1.0")
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
        let registry = try RegistryTestServer(mode: .plainHTTP)
        let layout = try MultiPlatformLayout.make(at: registry.root + "/multi")
        let pushed = try registry.push(ociLayout: layout.path, tag: "multi", to: "team/multi", tag: "1")
        #expect(pushed == layout.index)
        let base = [
            "image", "\(registry.host)/team/multi:1", "--insecure-registry", registry.host, "--scanners", "config,sbom",
        ]
        for arch in ["amd64", "arm64"] {
            let image = try #require(layout.images[arch])
            let run = try CLIRunner.run(base + ["--platform", "linux/\(arch)", "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains(String(image.manifest.prefix(19))), "\(arch): \(run.stderr)")
        }
        let absent = try CLIRunner.run(base + ["--platform", "linux/s390x"])
        #expect(absent.status == 2)
        #expect(absent.stderrLines.count == 1, "\(absent.stderr)")
        #expect(absent.stderr.contains("linux/amd64") && absent.stderr.contains("linux/arm64"), "\(absent.stderr)")
    }

    @Test func tlsWithBasicAuth() throws {
        try TestImages.requireBuilt()
        let registry = try RegistryTestServer(mode: .tls(auth: .basic(user: "alice", password: "correct horse")))
        try registry.push(ociLayout: Self.layout, tag: "latest", to: "team/vpy", tag: "1.0")
        let ca = registry.caFile
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
        let registry = try RegistryTestServer(mode: .plainHTTP)
        let first = try registry.push(ociLayout: Self.layout, tag: "latest", to: "team/app", tag: "1.0")
        let signedDigest = try registry.push(ociLayout: Self.layout, tag: "latest", to: "team/signed", tag: "1.0")
        let history = registry.root + "/history.json"
        let audit = [
            "registry", "audit", registry.host, "--insecure-registry", registry.host, "--history", history,
            "--format", "json",
        ]

        // A cosign-style signature of team/signed:1.0, made with openssl and uploaded through the API.
        let key = registry.root + "/cosign.key"
        try Self.tool("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key])
        try Self.tool("openssl", ["ec", "-in", key, "-pubout", "-out", registry.root + "/cosign.pub"])
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
        try Self.tool("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", other])
        try Self.tool("openssl", ["ec", "-in", other, "-pubout", "-out", registry.root + "/other.pub"])
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
        let moved = try registry.push(ociLayout: TestImages.path("bookworm-oci"), tag: nil, to: "team/app", tag: "1.0")
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
    static func pushSignature(_ registry: RegistryTestServer, repository: String, digest: String, key: String) throws {
        let payload =
            #"{"critical":{"identity":{"docker-reference":"\#(registry.host)/\#(repository)"},"image":{"docker-manifest-digest":"\#(digest)"},"type":"cosign container image signature"},"optional":null}"#
        let payloadPath = registry.root + "/payload.json"
        try payload.write(toFile: payloadPath, atomically: true, encoding: .utf8)
        try Self.tool(
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
        try Self.tool(
            try #require(RegistryTools.python),
            ["-c", script, registry.host, repository, digest, payloadPath, registry.root + "/payload.sig"])
    }

    /// The digest of the vulnerable-python image's largest layer, read from its OCI layout.
    static func largestLayer() throws -> String {
        let index =
            try JSONSerialization.jsonObject(
                with: try Data(contentsOf: URL(fileURLWithPath: layout + "/index.json"))) as? [String: Any]
        let manifestDigest = try #require((index?["manifests"] as? [[String: Any]])?.first?["digest"] as? String)
        let manifest =
            try JSONSerialization.jsonObject(
                with: try Data(
                    contentsOf: URL(fileURLWithPath: layout + "/blobs/sha256/" + manifestDigest.dropFirst(7))))
            as? [String: Any]
        let layers = try #require(manifest?["layers"] as? [[String: Any]])
        let largest = try #require(layers.max { ($0["size"] as? Int ?? 0) < ($1["size"] as? Int ?? 0) })
        return try #require(largest["digest"] as? String)
    }

    @Test func bearerTokenChallenge() throws {
        let registry = try RegistryTestServer(mode: .token)
        let credentials = try #require(registry.credentials)
        try registry.push(ociLayout: Self.layout, tag: "latest", to: "team/app", tag: "1")
        let args = [
            "image", "\(registry.host)/team/app:1", "--ca-file", registry.caFile, "--scanners", "config", "--format",
            "json", "--docker-config", registry.root + "/no-config.json",
        ]
        let good = try CLIRunner.run(
            args + ["--username", credentials.user, "--password-stdin"], stdin: credentials.password)
        #expect(good.status == 0, "\(good.stderr)")
        let wrong = try CLIRunner.run(args + ["--username", credentials.user, "--password-stdin"], stdin: "not-it")
        #expect(wrong.status == 2)
        #expect(wrong.stderrLines.count == 1 && wrong.stderr.contains("token"), "\(wrong.stderr)")
        let anonymous = try CLIRunner.run(args)
        #expect(anonymous.status == 2)
        #expect(anonymous.stderrLines.count == 1 && anonymous.stderr.contains("login"), "\(anonymous.stderr)")
        // The token asked for was scoped to this repository, pull only.
        let log = try String(contentsOfFile: try #require(registry.tokenLogPath), encoding: .utf8)
        #expect(log.contains("repository:team/app:pull"), "\(log.prefix(500))")
    }

    @Test(arguments: [RegistryCertificateFault.expired, .selfSigned])
    func badCertificatesAreRefusedAndAudited(_ fault: RegistryCertificateFault) throws {
        let registry = try RegistryTestServer(mode: .tls(auth: .none), certificateFault: fault)
        let words = fault == .expired ? "expired" : "self-signed"
        let pull = try CLIRunner.run(
            ["image", "\(registry.host)/team/app:1", "--ca-file", registry.caFile, "--scanners", "config"])
        #expect(pull.status == 2)
        #expect(pull.stderrLines.count == 1 && pull.stderr.contains(words), "\(pull.stderr)")
        let audit = try CLIRunner.run(
            [
                "registry", "audit", registry.host, "--ca-file", registry.caFile, "--history",
                registry.root + "/history.json", "--format", "json",
            ])
        #expect(audit.status == 0, "\(audit.stderr)")
        let findings = try #require(audit.json?["findings"] as? [[String: Any]])
        #expect(findings.map { $0["ruleId"] as? String } == ["REG-TLS-UNTRUSTED"])
        let message = findings.first?["message"] as? String ?? ""
        #expect(message.contains(fault == .expired ? "expired on" : "self-signed"), "\(message)")
    }

    /// Faults injected by a proxy in front of a real registry with basic auth.
    @Test func faultsOnTheWire() throws {
        let registry = try RegistryTestServer(mode: .tls(auth: .basic(user: "bob", password: "pw")))
        try registry.push(ociLayout: Self.layout, tag: "latest", to: "team/vpy", tag: "1")
        let layer = try Self.largestLayer()
        func pull(_ proxy: RegistryFaultProxy) throws -> CLIRunner.Run {
            try CLIRunner.run(
                [
                    "image", "\(proxy.host)/team/vpy:1", "--ca-file", proxy.caFile, "--scanners", "config", "--format",
                    "json", "--username", "bob", "--password-stdin",
                ], stdin: "pw")
        }

        // A flipped byte in a layer: refused, one line, nothing reported.
        let corrupt = try RegistryFaultProxy(upstream: registry, faults: [.corruptBlob(digest: layer)])
        let refused = try pull(corrupt)
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderrLines.count == 1 && refused.stderr.contains("digest mismatch"), "\(refused.stderr)")

        // A connection dropped mid-blob every time: retried, then one clear line.
        let dropping = try RegistryFaultProxy(upstream: registry, faults: [.dropBlobAfter(bytes: 200_000)])
        let dropped = try pull(dropping)
        #expect(dropped.status == 2)
        #expect(dropped.stderrLines.count == 1 && dropped.stderr.contains("attempts"), "\(dropped.stderr)")
        let layerGets = try dropping.requests().filter { $0.path.hasSuffix(layer) && $0.method == "GET" }
        #expect(layerGets.count == 4, "\(layerGets.count) attempts")

        // 429 with Retry-After once on the manifest, then success.
        let limited = try RegistryFaultProxy(
            upstream: registry, faults: [.statusOnce(path: "/v2/team/vpy/manifests/1", status: 429)])
        let retried = try pull(limited)
        #expect(retried.status == 0, "\(retried.stderr)")
        let statuses = try limited.requests().filter { $0.path == "/v2/team/vpy/manifests/1" }.map(\.status)
        #expect(statuses.contains(429) && statuses.last == 200, "\(statuses)")

        // Blobs redirected to another host: followed, and the registry's credentials stay home.
        let redirecting = try RegistryFaultProxy(upstream: registry, faults: [.redirectBlobs])
        let followed = try pull(redirecting)
        #expect(followed.status == 0, "\(followed.stderr)")
        let requests = try redirecting.requests()
        let redirected = requests.filter { $0.listener == "redirect" }
        #expect(!redirected.isEmpty)
        #expect(redirected.allSatisfy { !$0.authorization }, "credentials leaked to the blob host")
        #expect(requests.contains { $0.listener == "proxy" && $0.authorization })
    }
}
