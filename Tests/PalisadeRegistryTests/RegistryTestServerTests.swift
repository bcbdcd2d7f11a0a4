import Foundation
import RegistryTestSupport
import Testing

/// Proves the registry test infrastructure is real before Palisade's client is tested against it: a real
/// docker-registry in each mode, images pushed and read back with skopeo, status codes and challenges seen
/// with curl, and each fault of the proxy observed from outside.
@Suite(.enabled(if: RegistryTools.shouldRun))
final class RegistryTestServerTests {
    let layout: MultiPlatformLayout
    private let scratch: String

    init() throws {
        scratch =
            FileManager.default.temporaryDirectory.appendingPathComponent("palisade-regtest-\(UUID().uuidString)")
            .path
        layout = try MultiPlatformLayout.make(at: scratch + "/multiarch")
    }

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    @Test func plainHTTPServesAPushedMultiPlatformIndex() throws {
        let server = try RegistryTestServer(mode: .plainHTTP)
        let digest = try server.push(ociLayout: layout.path, tag: "multi", to: "demo/multi", tag: "v1")
        #expect(digest == layout.index)
        #expect(server.baseURL.hasPrefix("http://127.0.0.1:"))

        let inspected = try server.skopeoInspect(
            repository: "demo/multi", reference: "v1", credentials: nil, trust: .insecure)
        #expect(inspected.succeeded, "\(inspected.stderr)")
        #expect(inspected.stdout.contains(layout.images["amd64"]?.manifest ?? "missing"))
        #expect(inspected.stdout.contains(layout.images["arm64"]?.manifest ?? "missing"))
        #expect(try Curl.get(server.baseURL + "/v2/").status == 200)
        // Each platform's manifest is there by digest too.
        let arm = try #require(layout.images["arm64"])
        let byDigest = try server.skopeoInspect(
            repository: "demo/multi", reference: arm.manifest, credentials: nil, trust: .insecure, raw: false)
        #expect(byDigest.stdout.contains("\"Architecture\": \"arm64\""), "\(byDigest.stderr)")
    }

    @Test func tlsIsVerifiedWithTheTestCAOnly() throws {
        let server = try RegistryTestServer(mode: .tls(auth: .none))
        let digest = try server.push(ociLayout: layout.path, tag: "amd64", to: "demo/app", tag: "v1")
        #expect(digest == layout.images["amd64"]?.manifest)
        #expect(server.baseURL == "https://\(server.host)")

        let trusted = try server.skopeoInspect(repository: "demo/app", reference: "v1", credentials: nil)
        #expect(trusted.succeeded, "\(trusted.stderr)")
        let untrusted = try server.skopeoInspect(
            repository: "demo/app", reference: "v1", credentials: nil, trust: .system)
        #expect(!untrusted.succeeded)
        #expect(untrusted.stderr.contains("certificate signed by unknown authority"), "\(untrusted.stderr)")

        #expect(try Curl.get(server.baseURL + "/v2/", ca: server.caFile).status == 200)
        // The certificate names localhost as well as 127.0.0.1.
        let viaName = try Curl.get("https://localhost:\(server.port)/v2/", ca: server.caFile)
        #expect(viaName.status == 200, "\(viaName.stderr)")
        #expect(try Curl.get(server.baseURL + "/v2/").exitCode == 60)
    }

    @Test func basicAuthAcceptsOnlyTheRightPassword() throws {
        let server = try RegistryTestServer(mode: .tls(auth: .basic(user: "alice", password: "s3cret")))
        #expect(server.credentials == RegistryCredentials(user: "alice", password: "s3cret"))
        try server.push(ociLayout: layout.path, tag: "amd64", to: "private/app", tag: "v1")

        let right = try server.skopeoInspect(
            repository: "private/app", reference: "v1", credentials: server.credentials)
        #expect(right.succeeded, "\(right.stderr)")
        let wrong = try server.skopeoInspect(
            repository: "private/app", reference: "v1", credentials: RegistryCredentials(user: "alice", password: "no"))
        #expect(!wrong.succeeded)
        let anonymous = try server.skopeoInspect(repository: "private/app", reference: "v1", credentials: nil)
        #expect(!anonymous.succeeded)

        let challenge = try Curl.get(server.baseURL + "/v2/", ca: server.caFile)
        #expect(challenge.status == 401)
        #expect(challenge.header("www-authenticate") == "Basic realm=\"palisade-test-registry\"")
        #expect(try Curl.get(server.baseURL + "/v2/", ca: server.caFile, user: "alice:s3cret").status == 200)
        #expect(try Curl.get(server.baseURL + "/v2/", ca: server.caFile, user: "alice:nope").status == 401)
    }

    @Test func tokenAuthGoesThroughTheIssuer() throws {
        let server = try RegistryTestServer(mode: .token)
        let credentials = try #require(server.credentials)
        let realm = try #require(server.tokenRealm)
        try server.push(ociLayout: layout.path, tag: "multi", to: "team/app", tag: "v1")

        let right = try server.skopeoInspect(repository: "team/app", reference: "v1", credentials: credentials)
        #expect(right.succeeded, "\(right.stderr)")
        let wrong = try server.skopeoInspect(
            repository: "team/app", reference: "v1",
            credentials: RegistryCredentials(user: credentials.user, password: "wrong"))
        #expect(!wrong.succeeded)
        #expect(wrong.stderr.contains("unauthorized"), "\(wrong.stderr)")
        let anonymous = try server.skopeoInspect(repository: "team/app", reference: "v1", credentials: nil)
        #expect(!anonymous.succeeded)

        let manifestURL = server.baseURL + "/v2/team/app/manifests/v1"
        let challenge = try Curl.get(manifestURL, ca: server.caFile)
        #expect(challenge.status == 401)
        #expect(
            challenge.header("www-authenticate")
                == "Bearer realm=\"\(realm)\",service=\"palisade-test-registry\",scope=\"repository:team/app:pull\"")

        let tokenURL = realm + "?service=palisade-test-registry&scope=repository:team/app:pull"
        #expect(try Curl.get(tokenURL, ca: server.caFile).status == 401)
        #expect(try Curl.get(tokenURL, ca: server.caFile, user: credentials.user + ":wrong").status == 401)
        let issued = try Curl.get(tokenURL, ca: server.caFile, user: credentials.user + ":" + credentials.password)
        #expect(issued.status == 200)
        let body = try #require(
            try JSONSerialization.jsonObject(with: Data(issued.body.utf8)) as? [String: Any])
        let token = try #require(body["token"] as? String)
        #expect(body["access_token"] as? String == token)
        #expect(body["expires_in"] as? Int == 300)
        #expect(body["issued_at"] is String)

        // The OAuth2 form of the same request.
        let form = [
            "grant_type=password", "username=\(credentials.user)", "password=\(credentials.password)",
            "service=palisade-test-registry", "scope=repository:team/app:pull", "client_id=palisade-tests",
        ]
        let oauth = try Curl.get(realm, ca: server.caFile, method: "POST", form: form)
        #expect(oauth.status == 200, "\(oauth.body)")
        #expect(oauth.body.contains("\"access_token\""))
        let badForm = form.map { $0.hasPrefix("password=") ? "password=wrong" : $0 }
        #expect(try Curl.get(realm, ca: server.caFile, method: "POST", form: badForm).status == 401)

        let accepted = try Curl.get(
            manifestURL, ca: server.caFile,
            headers: ["Authorization: Bearer " + token, "Accept: application/vnd.oci.image.index.v1+json"])
        #expect(accepted.status == 200, "\(accepted.body)")
        #expect(accepted.header("docker-content-digest") == layout.index)
        // A token scoped to one repository does not open another.
        let otherRepository = try Curl.get(
            server.baseURL + "/v2/other/app/manifests/v1", ca: server.caFile,
            headers: ["Authorization: Bearer " + token])
        #expect(otherRepository.status == 401)

        let log = try String(contentsOfFile: try #require(server.tokenLogPath), encoding: .utf8)
        #expect(log.contains("\"status\": 200"))
        #expect(log.contains("\"status\": 401"))
    }

    @Test func tokenIssuerCanGrantAnonymousPullOnly() throws {
        let server = try RegistryTestServer(mode: .token, anonymousPull: true)
        try server.push(ociLayout: layout.path, tag: "amd64", to: "public/app", tag: "v1")
        let anonymous = try server.skopeoInspect(repository: "public/app", reference: "v1", credentials: nil)
        #expect(anonymous.succeeded, "\(anonymous.stderr)")

        let realm = try #require(server.tokenRealm)
        let issued = try Curl.get(
            realm + "?service=palisade-test-registry&scope=repository:public/app:pull,push", ca: server.caFile)
        #expect(issued.status == 200)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(issued.body.utf8)) as? [String: Any])
        let token = try #require(body["token"] as? String)
        // Pull works with the anonymous token; starting an upload (push) does not.
        let pull = try Curl.get(
            server.baseURL + "/v2/public/app/manifests/v1", ca: server.caFile, method: "HEAD",
            headers: ["Authorization: Bearer " + token, "Accept: application/vnd.oci.image.manifest.v1+json"])
        #expect(pull.status == 200)
        let push = try Curl.get(
            server.baseURL + "/v2/public/app/blobs/uploads/", ca: server.caFile, method: "POST",
            headers: ["Authorization: Bearer " + token])
        #expect(push.status == 401)
        let wrong = try server.skopeoInspect(
            repository: "public/app", reference: "v1", credentials: RegistryCredentials(user: "x", password: "y"))
        #expect(!wrong.succeeded)
    }

    @Test(arguments: [RegistryCertificateFault.expired, .selfSigned])
    func faultyCertificatesFailVerification(fault: RegistryCertificateFault) throws {
        let server = try RegistryTestServer(mode: .tls(auth: .none), certificateFault: fault)
        // Pushing skips verification, so there is something to refuse.
        try server.push(ociLayout: layout.path, tag: "amd64", to: "demo/app", tag: "v1")

        let inspected = try server.skopeoInspect(repository: "demo/app", reference: "v1", credentials: nil)
        #expect(!inspected.succeeded)
        let expected =
            fault == .expired ? "certificate has expired" : "certificate signed by unknown authority"
        #expect(inspected.stderr.contains(expected), "\(inspected.stderr)")
        let insecure = try server.skopeoInspect(
            repository: "demo/app", reference: "v1", credentials: nil, trust: .insecure)
        #expect(insecure.succeeded, "\(insecure.stderr)")
        // curl: 60 = the peer's certificate could not be verified.
        #expect(try Curl.get(server.baseURL + "/v2/", ca: server.caFile).exitCode == 60)
    }

    @Test func pushingAnotherImageMovesTheTagAndDeleteRemovesIt() throws {
        let server = try RegistryTestServer(mode: .tls(auth: .none))
        let first = try server.push(ociLayout: layout.path, tag: "amd64", to: "demo/moving", tag: "stable")
        let second = try server.push(ociLayout: layout.path, tag: "arm64", to: "demo/moving", tag: "stable")
        #expect(first == layout.images["amd64"]?.manifest)
        #expect(second == layout.images["arm64"]?.manifest)
        let now = try Curl.get(
            server.baseURL + "/v2/demo/moving/manifests/stable", ca: server.caFile, method: "HEAD",
            headers: ["Accept: application/vnd.oci.image.manifest.v1+json"])
        #expect(now.header("docker-content-digest") == second)

        try server.delete(repository: "demo/moving", reference: second)
        let gone = try server.skopeoInspect(repository: "demo/moving", reference: "stable", credentials: nil)
        #expect(!gone.succeeded)
        // The first image is still there by digest.
        let old = try server.skopeoInspect(repository: "demo/moving", reference: first, credentials: nil)
        #expect(old.succeeded, "\(old.stderr)")
    }

    @Test func proxyCorruptsOneBlobAndPassesOthers() throws {
        let server = try RegistryTestServer(mode: .tls(auth: .none))
        try server.push(ociLayout: layout.path, tag: "multi", to: "demo/app", tag: "v1")
        let amd = try #require(layout.images["amd64"])
        let arm = try #require(layout.images["arm64"])
        let proxy = try RegistryFaultProxy(upstream: server, faults: [.corruptBlob(digest: amd.layer)])
        #expect(proxy.baseURL.hasPrefix("https://"))

        let corrupted = try Curl.get(proxy.baseURL + "/v2/demo/app/blobs/" + amd.layer, ca: proxy.caFile)
        let direct = try Curl.get(server.baseURL + "/v2/demo/app/blobs/" + amd.layer, ca: server.caFile)
        #expect(corrupted.status == 200)
        #expect(corrupted.bodyBytes.count == direct.bodyBytes.count)
        #expect(try Digest.sha256(direct.bodyBytes) == amd.layer)
        #expect(try Digest.sha256(corrupted.bodyBytes) != amd.layer)
        #expect(corrupted.header("docker-content-digest") == amd.layer)

        let untouched = try Curl.get(proxy.baseURL + "/v2/demo/app/blobs/" + arm.layer, ca: proxy.caFile)
        #expect(try Digest.sha256(untouched.bodyBytes) == arm.layer)
        #expect(try proxy.requests().map(\.fault) == ["corrupt-blob", nil])
    }

    @Test func proxyDropsBlobBodiesEarly() throws {
        let server = try RegistryTestServer(mode: .plainHTTP)
        try server.push(ociLayout: layout.path, tag: "amd64", to: "demo/app", tag: "v1")
        let amd = try #require(layout.images["amd64"])
        let proxy = try RegistryFaultProxy(upstream: server, faults: [.dropBlobAfter(bytes: 10)])
        #expect(proxy.baseURL.hasPrefix("http://"))

        for _ in 0..<2 {
            let dropped = try Curl.get(proxy.baseURL + "/v2/demo/app/blobs/" + amd.layer)
            #expect(dropped.status == 200)
            #expect(dropped.exitCode == 18, "curl: transfer closed with outstanding read data")
            #expect(dropped.bodyBytes.count == 10)
        }
        // A Range request's 206 is not cut, so a client that resumes after the drop can finish.
        let rest = try Curl.get(proxy.baseURL + "/v2/demo/app/blobs/" + amd.layer, headers: ["Range: bytes=10-"])
        #expect(rest.status == 206)
        #expect(rest.exitCode == 0)
        let whole = try Curl.get(server.baseURL + "/v2/demo/app/blobs/" + amd.layer)
        #expect(rest.bodyBytes == Array(whole.bodyBytes.dropFirst(10)))
        // Manifests are not blobs: they pass whole.
        let manifest = try Curl.get(
            proxy.baseURL + "/v2/demo/app/manifests/v1",
            headers: ["Accept: application/vnd.oci.image.manifest.v1+json"])
        #expect(manifest.exitCode == 0)
        #expect(try Digest.sha256(manifest.bodyBytes) == amd.manifest)
    }

    @Test func proxyAnswersAStatusOnceThenForwards() throws {
        let server = try RegistryTestServer(mode: .plainHTTP)
        let proxy = try RegistryFaultProxy(
            upstream: server,
            faults: [.statusOnce(path: "/v2/", status: 429), .statusOnce(path: "/v2/x/*", status: 503)]
        )
        let first = try Curl.get(proxy.baseURL + "/v2/")
        #expect(first.status == 429)
        #expect(first.header("retry-after") == "1")
        #expect(try Curl.get(proxy.baseURL + "/v2/").status == 200)
        #expect(try Curl.get(proxy.baseURL + "/v2/x/manifests/a").status == 503)
        #expect(try Curl.get(proxy.baseURL + "/v2/x/manifests/a").status == 404)
        #expect(try proxy.requests().map(\.status) == [429, 200, 503, 404])
    }

    @Test func proxyRedirectsBlobsToAnotherHostAndLogsCredentials() throws {
        let server = try RegistryTestServer(mode: .tls(auth: .basic(user: "bob", password: "pw")))
        try server.push(ociLayout: layout.path, tag: "amd64", to: "demo/app", tag: "v1")
        let amd = try #require(layout.images["amd64"])
        let proxy = try RegistryFaultProxy(upstream: server, faults: [.redirectBlobs])
        let url = proxy.baseURL + "/v2/demo/app/blobs/" + amd.layer

        // curl drops credentials on a redirect to another host, as a client must.
        let followed = try Curl.get(url, ca: proxy.caFile, user: "bob:pw", follow: .sameHostCredentials)
        #expect(followed.status == 200, "\(followed.stderr)")
        #expect(try Digest.sha256(followed.bodyBytes) == amd.layer)
        // --location-trusted sends them on: the redirect listener sees and logs that.
        let leaked = try Curl.get(url, ca: proxy.caFile, user: "bob:pw", follow: .everywhereCredentials)
        #expect(leaked.status == 200)

        let requests = try proxy.requests()
        #expect(requests.map(\.listener) == ["proxy", "redirect", "proxy", "redirect"])
        #expect(requests.map(\.authorization) == [true, false, true, true])
        #expect(requests[0].status == 307)
        #expect(requests[0].host == proxy.host)
        #expect(requests[1].host?.hasPrefix("localhost:") == true)
    }
}

extension RegistryTestServerTests {
    /// skopeo, a real registry client, pulls through the proxy: it follows the blob redirect without sending
    /// the registry's credentials to the other host, and it refuses a corrupted blob.
    @Test func skopeoPullsThroughTheProxy() throws {
        let server = try RegistryTestServer(mode: .tls(auth: .basic(user: "carol", password: "pw")))
        try server.push(ociLayout: layout.path, tag: "amd64", to: "demo/app", tag: "v1")
        let amd = try #require(layout.images["amd64"])

        let redirecting = try RegistryFaultProxy(upstream: server, faults: [.redirectBlobs])
        let pulled = try skopeoPull(through: redirecting, to: scratch + "/pulled-redirect")
        #expect(pulled.succeeded, "\(pulled.stderr)")
        let redirected = try redirecting.requests().filter { $0.listener == "redirect" }
        #expect(!redirected.isEmpty)
        #expect(redirected.allSatisfy { !$0.authorization && $0.status == 200 })

        let corrupting = try RegistryFaultProxy(upstream: server, faults: [.corruptBlob(digest: amd.layer)])
        let refused = try skopeoPull(through: corrupting, to: scratch + "/pulled-corrupt")
        #expect(!refused.succeeded)
        #expect(refused.stderr.contains("Digest did not match"), "\(refused.stderr)")
    }

    private func skopeoPull(through proxy: RegistryFaultProxy, to directory: String) throws -> ProcessResult {
        try ProcessRunner.run(
            "skopeo",
            [
                "copy", "--src-cert-dir", proxy.certDirectory, "--src-creds", "carol:pw",
                "docker://\(proxy.host)/demo/app:v1", "oci:\(directory):v1",
            ])
    }
}

/// curl as an independent HTTP client: status, headers and body of one request.
struct Curl {
    enum Follow { case none, sameHostCredentials, everywhereCredentials }

    var exitCode: Int32
    var status: Int
    var headers: [(String, String)]
    var bodyBytes: [UInt8]
    var stderr: String
    var body: String { String(decoding: bodyBytes, as: UTF8.self) }

    /// The last value of a header (case-insensitive name) in the final response.
    func header(_ name: String) -> String? {
        headers.last { $0.0.lowercased() == name.lowercased() }?.1
    }

    static func get(
        _ url: String, ca: String? = nil, user: String? = nil, method: String = "GET", headers: [String] = [],
        form: [String] = [], follow: Follow = .none
    ) throws -> Curl {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-curl-\(UUID().uuidString)"
        )
        .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var arguments = ["-sS", "-o", directory + "/body", "-D", directory + "/headers", "-w", "%{http_code}"]
        arguments += method == "HEAD" ? ["-I"] : ["-X", method]
        if let ca { arguments += ["--cacert", ca] }
        if let user { arguments += ["-u", user] }
        for header in headers { arguments += ["-H", header] }
        for field in form { arguments += ["--data-urlencode", field] }
        switch follow {
        case .none: break
        case .sameHostCredentials: arguments.append("-L")
        case .everywhereCredentials: arguments += ["-L", "--location-trusted"]
        }
        arguments.append(url)
        let result = try ProcessRunner.run("curl", arguments)
        let rawHeaders = (try? String(contentsOfFile: directory + "/headers", encoding: .utf8)) ?? ""
        // With -L the file holds every response's headers; keep the last block.
        let lastBlock = rawHeaders.components(separatedBy: "\r\n\r\n").last { !$0.isEmpty } ?? ""
        let parsed: [(String, String)] = lastBlock.components(separatedBy: "\r\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            )
        }
        let body = FileManager.default.contents(atPath: directory + "/body").map { [UInt8]($0) } ?? []
        return Curl(
            exitCode: result.status, status: Int(result.stdout) ?? 0, headers: parsed, bodyBytes: body,
            stderr: result.stderr)
    }
}

/// sha256 through coreutils' sha256sum, an implementation independent of the code under test.
enum Digest {
    static func sha256(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-sha-\(UUID().uuidString)")
            .path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ProcessRunner.run("sha256sum", [path])
        return "sha256:" + (result.stdout.split(separator: " ").first.map(String.init) ?? "")
    }
}
