import PalisadeImage
import Testing

@testable import PalisadeRegistry

/// References normalise exactly as `docker pull` does, and anything else is refused.
@Suite struct RegistryReferenceTests {
    @Test(
        arguments: [
            ("alpine", "docker.io", "library/alpine", "latest", nil),
            ("alpine:3.20", "docker.io", "library/alpine", "3.20", nil),
            ("library/alpine", "docker.io", "library/alpine", "latest", nil),
            ("index.docker.io/bitnami/redis:7", "docker.io", "bitnami/redis", "7", nil),
            ("ghcr.io/org/team/app:v1.2.3", "ghcr.io", "org/team/app", "v1.2.3", nil),
            ("127.0.0.1:5000/team/app", "127.0.0.1:5000", "team/app", "latest", nil),
            ("localhost/app:dev", "localhost", "app", "dev", nil),
            (
                "quay.io/a/b@sha256:" + String(repeating: "a", count: 64), "quay.io", "a/b", nil,
                "sha256:" + String(repeating: "a", count: 64)
            ),
            (
                "quay.io/a/b:1@sha256:" + String(repeating: "0", count: 64), "quay.io", "a/b", "1",
                "sha256:" + String(repeating: "0", count: 64)
            ),
        ] as [(String, String, String, String?, String?)])
    func normalises(_ text: String, registry: String, repository: String, tag: String?, digest: String?) throws {
        let r = try #require(RegistryReference.parse(text))
        #expect(r.registry == registry)
        #expect(r.repository == repository)
        #expect(r.tag == tag)
        #expect(r.digest == digest)
    }

    @Test func dockerHubAPIHost() throws {
        #expect(try #require(RegistryReference.parse("alpine")).apiHost == "registry-1.docker.io")
        #expect(try #require(RegistryReference.parse("ghcr.io/a/b")).apiHost == "ghcr.io")
    }

    @Test(arguments: [
        "", "ghcr.io/", "ghcr.io//app", "ghcr.io/App", "ghcr.io/app:", "ghcr.io/app:-x", "ghcr.io/app@sha256:abc",
        "ghcr.io/app@md5:" + String(repeating: "a", count: 32), "ghcr.io/a/b:" + String(repeating: "t", count: 129),
        "bad host/app", "ghcr.io/app:t\u{0}",
    ])
    func refusesMalformed(_ text: String) {
        #expect(RegistryReference.parse(text) == nil, "\(text)")
    }
}

/// `WWW-Authenticate` as real registries send it.
@Suite struct AuthChallengeTests {
    @Test func dockerHubBearer() throws {
        let c = try #require(
            AuthChallenge.parse(
                #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull""#
            ))
        #expect(c.scheme == "bearer")
        #expect(c.realm == "https://auth.docker.io/token")
        #expect(c.parameters["service"] == "registry.docker.io")
        #expect(c.parameters["scope"] == "repository:library/alpine:pull")
    }

    @Test func basicAndOddSpacingAndEscapes() throws {
        let basic = try #require(AuthChallenge.parse(#"Basic realm="Registry Realm""#))
        #expect(basic.scheme == "basic")
        #expect(basic.realm == "Registry Realm")
        let odd = try #require(AuthChallenge.parse(#"  bearer  Realm = "a,b" , scope=x:y,error="in\"valid""#))
        #expect(odd.realm == "a,b")
        #expect(odd.parameters["scope"] == "x:y")
        #expect(odd.parameters["error"] == #"in"valid"#)
    }

    @Test(arguments: ["", "   ", "Bearer realm=\"unterminated"])
    func degenerateHeadersNeverCrash(_ header: String) {
        _ = AuthChallenge.parse(header)
    }

    @Test func randomBytesNeverCrash() {
        var state: UInt64 = 0x5EED
        let alphabet = Array(#"Bearer realm="=,\ x"#.utf8)
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(state % 40) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1
            _ = AuthChallenge.parse(String(decoding: bytes, as: UTF8.self))
        }
    }
}

/// Redirect targets resolve like a browser's, and only the registry's own host gets credentials.
@Suite struct RegistryURLTests {
    @Test func resolvesLocations() {
        let base = "https://reg.example:5000/v2/a/blobs/sha256:x"
        #expect(RegistryClient.resolve("https://cdn.example/x?sig=1", against: base) == "https://cdn.example/x?sig=1")
        #expect(RegistryClient.resolve("/v2/other", against: base) == "https://reg.example:5000/v2/other")
        #expect(RegistryClient.resolve("//cdn.example/y", against: base) == "https://cdn.example/y")
        #expect(RegistryClient.resolve("z", against: base) == "https://reg.example:5000/v2/a/blobs/z")
        #expect(RegistryClient.authority(of: "https://u:p@cdn.example:443/x") == "cdn.example:443")
        #expect(RegistryClient.display("https://cdn.example/x?X-Amz-Signature=secret") == "https://cdn.example/x")
    }
}

/// The CLI's REF argument: registry names are told from paths the way Docker tells them.
@Suite struct ImageReferenceRegistryDetectionTests {
    @Test(arguments: [
        ("ghcr.io/org/app:1", true), ("127.0.0.1:5000/app", true), ("localhost/app", true),
        ("docker://alpine", true), ("images/app.tar", false), ("./some.dir/x", false), ("../a.b/c", false),
        ("app:1.0", false),
    ])
    func detection(_ text: String, isRegistry: Bool) {
        let parsed = try? ImageReference.parse(text)
        if case .registry? = parsed {
            #expect(isRegistry, "\(text)")
        } else {
            #expect(!isRegistry, "\(text)")
        }
    }
}

/// Listing pages: the `Link` header's next page, absolute or relative.
@Suite struct RegistryListingTests {
    @Test func nextPageFromLinkHeader() {
        #expect(RegistryClient.nextPage(link: #"</v2/_catalog?last=b&n=2>; rel="next""#) == "/v2/_catalog?last=b&n=2")
        #expect(
            RegistryClient.nextPage(link: #"<https://reg.example/v2/a/tags/list?n=1&last=x>; rel="next""#)
                == "/v2/a/tags/list?n=1&last=x")
        #expect(RegistryClient.nextPage(link: #"</v2/_catalog?last=b>; rel="prev""#) == nil)
        #expect(RegistryClient.nextPage(link: nil) == nil)
        #expect(RegistryClient.queryValue("n", in: "/v2/_catalog?n=100&last=z") == "100")
    }
}
