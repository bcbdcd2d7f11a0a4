import PalisadeCore
import Testing

@testable import PalisadeKube

private typealias H = HygieneHarness

private let password = "Tr0ub4dor&3-horse"
private let username = "app-admin"
private let apiToken = "tok_9f8e7d6c5b4a3210"
private let pemKey = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"
private let cert = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkq\n-----END CERTIFICATE-----\n"
private let dockerJSON =
    "{\"auths\":{\"ghcr.io\":{\"username\":\"bot\",\"password\":\"" + password
    + "\",\"auth\":\"Ym90OlRyMHViNGRvciYzLWhvcnNl\"}}}"
private let dockerCfg = "{\"registry.example.com\":{\"auth\":\"Ym90OlRyMHViNGRvciYzLWhvcnNl\",\"email\":\"a@b.c\"}}"
private let secretValues = [
    password, username, apiToken, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "Ym90OlRyMHViNGRvciYzLWhvcnNl",
]

private let literal = "K8S-SECRET-LITERAL-DATA"
private let tls = "K8S-SECRET-TLS-PRIVATE-KEY"
private let registry = "K8S-SECRET-REGISTRY-CREDENTIALS"
private let saToken = "K8S-SECRET-SA-TOKEN"

private let secretCases: [HygieneCase] = [
    hygieneFires(
        literal, "data values", H.secret(data: [("password", password), ("username", username)]),
        secrets: secretValues),
    hygieneFires(literal, "stringData values", H.secret(stringData: [("token", apiToken)]), secrets: secretValues),
    hygieneFires(
        literal, "data and stringData: one finding",
        H.secret(data: [("password", password)], stringData: [("token", apiToken)]), secrets: secretValues),
    hygieneFires(
        literal, "Opaque type explicitly", H.secret(type: "Opaque", data: [("password", password)]),
        secrets: secretValues),
    hygieneFires(
        literal, "PEM key in an Opaque Secret", H.secret(stringData: [("key.pem", pemKey)]), secrets: secretValues),
    hygieneFires(
        literal, "real value next to placeholders",
        H.secret(data: [("a", "changeme"), ("b", password)], stringData: [("c", "<token>")]), secrets: secretValues),
    hygieneFires(
        literal, "TLS Secret with placeholder key but other literal values",
        H.secret(type: "kubernetes.io/tls", stringData: [("tls.key", ""), ("tls.crt", cert), ("extra", password)]),
        secrets: secretValues),
    hygieneFires(
        literal, "service-account-token Secret with a committed token",
        H.secret(type: "kubernetes.io/service-account-token", stringData: [("token", apiToken)]),
        secrets: secretValues),
    hygieneFires(
        literal, "data value that is not base64",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  pw: \(password)\n",
        secrets: secretValues),
    hygieneSilent(literal, "no data", H.secret()),
    hygieneSilent(literal, "empty data mapping", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata: {}\n"),
    hygieneSilent(
        literal, "null and empty values",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a:\n  b: \"\"\nstringData:\n  c: ''\n"),
    hygieneSilent(
        literal, "placeholders in stringData",
        H.secret(stringData: [
            ("a", "changeme"), ("b", "<your-password>"), ("c", "${DB_PASSWORD}"), ("d", "REPLACE_ME"),
            ("e", "xxx"), ("f", "********"), ("g", "{{ .Values.password }}"), ("h", "$(TOKEN)"),
            ("i", "CHANGE_ME_PLEASE"), ("j", "__DB_PASSWORD__"), ("k", "your-token-here"), ("l", "TODO"),
            ("m", "  "), ("n", "%PASSWORD%"),
        ])),
    hygieneSilent(
        literal, "base64-encoded placeholders in data",
        H.secret(data: [("a", "changeme"), ("b", "<password>"), ("c", "REPLACE_ME"), ("d", "xxxxxx"), ("e", "")])),
    hygieneSilent(
        literal, "raw placeholders in data",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: <base64-encoded-password>\n  b: ${B64}\n"),
    hygieneSilent(
        literal, "TLS Secret with a private key (reported by the TLS rule)",
        H.secret(type: "kubernetes.io/tls", data: [("tls.crt", cert), ("tls.key", pemKey)])),
    hygieneSilent(
        literal, "TLS Secret with only public certificates",
        H.secret(type: "kubernetes.io/tls", data: [("tls.crt", cert), ("ca.crt", cert), ("tls.key", "")])),
    hygieneSilent(
        literal, "registry Secret (reported by the registry rule)",
        H.secret(type: "kubernetes.io/dockerconfigjson", data: [(".dockerconfigjson", dockerJSON)])),
    hygieneSilent(literal, "ConfigMap is not a Secret", H.configMap([("password", password)])),
    hygieneSilent(
        literal, "SealedSecret is not a Secret",
        "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: s\nspec:\n  encryptedData:\n"
            + "    password: AgBy3i4OJSWK+PiTySYZZA==\n"),

    hygieneFires(
        tls, "tls.key in data", H.secret(type: "kubernetes.io/tls", data: [("tls.crt", cert), ("tls.key", pemKey)]),
        secrets: secretValues),
    hygieneFires(
        tls, "tls.key in stringData",
        H.secret(type: "kubernetes.io/tls", stringData: [("tls.crt", cert), ("tls.key", pemKey)]),
        secrets: secretValues),
    hygieneSilent(
        tls, "empty tls.key", H.secret(type: "kubernetes.io/tls", data: [("tls.crt", cert), ("tls.key", "")])),
    hygieneSilent(
        tls, "placeholder tls.key",
        H.secret(type: "kubernetes.io/tls", stringData: [("tls.crt", cert), ("tls.key", "<private key>")])),
    hygieneSilent(
        tls, "stringData placeholder overrides data",
        H.secret(type: "kubernetes.io/tls", data: [("tls.key", pemKey)], stringData: [("tls.key", "")])),
    hygieneSilent(tls, "no data at all", H.secret(type: "kubernetes.io/tls")),
    hygieneSilent(tls, "key in an Opaque Secret", H.secret(data: [("tls.key", pemKey)])),

    hygieneFires(
        registry, "dockerconfigjson with auth",
        H.secret(type: "kubernetes.io/dockerconfigjson", data: [(".dockerconfigjson", dockerJSON)]),
        secrets: secretValues),
    hygieneFires(
        registry, "dockerconfigjson in stringData",
        H.secret(type: "kubernetes.io/dockerconfigjson", stringData: [(".dockerconfigjson", dockerJSON)]),
        secrets: secretValues),
    hygieneFires(
        registry, "legacy dockercfg", H.secret(type: "kubernetes.io/dockercfg", data: [(".dockercfg", dockerCfg)]),
        secrets: secretValues),
    hygieneSilent(
        registry, "empty auths",
        H.secret(type: "kubernetes.io/dockerconfigjson", data: [(".dockerconfigjson", "{\"auths\":{}}")])),
    hygieneSilent(
        registry, "placeholder",
        H.secret(type: "kubernetes.io/dockerconfigjson", stringData: [(".dockerconfigjson", "${DOCKER_CONFIG}")])),
    hygieneSilent(registry, "no data", H.secret(type: "kubernetes.io/dockerconfigjson")),
    hygieneSilent(registry, "docker config in an Opaque Secret", H.secret(data: [(".dockerconfigjson", dockerJSON)])),

    hygieneFires(saToken, "service-account-token type", H.secret(type: "kubernetes.io/service-account-token")),
    hygieneFires(
        saToken, "quoted type with annotation",
        H.secret(
            type: "\"kubernetes.io/service-account-token\"",
            extra: "  annotations:\n    kubernetes.io/service-account.name: build-robot\n")),
    hygieneSilent(saToken, "Opaque", H.secret(type: "Opaque", data: [("a", "b")])),
    hygieneSilent(saToken, "no type", H.secret()),
    hygieneSilent(saToken, "bootstrap token", H.secret(type: "bootstrap.kubernetes.io/token")),
]

@Test(arguments: secretCases) func objectHygieneSecrets(_ c: HygieneCase) { c.run() }

@Test func secretLiteralMessageAndLocation() throws {
    let yaml = H.secret("db-creds", data: [("password", password), ("username", username)])
    let f = try #require(H.scan(yaml, rules: [literal]).first)
    #expect(f.message == "Secret \"db-creds\" holds 2 literal values in data (password, username)")
    #expect(f.severity == .medium)
    #expect(f.location.path == "data")
    #expect(f.location.line == 5)
    #expect(f.location.column == 1)
}

@Test func secretLiteralMessageCoversBothSections() throws {
    let yaml = H.secret("db", data: [("password", password)], stringData: [("token", apiToken)])
    let f = try #require(H.scan(yaml, rules: [literal]).first)
    #expect(f.message == "Secret \"db\" holds 2 literal values in data (password) and stringData (token)")
    #expect(f.location.path == "data")
    let only = try #require(H.scan(H.secret("db", stringData: [("token", apiToken)]), rules: [literal]).first)
    #expect(only.message == "Secret \"db\" holds 1 literal value in stringData (token)")
    #expect(only.location.path == "stringData")
    #expect(only.location.line == 5)
}

@Test func secretLiteralMessageCapsTheKeyList() throws {
    let entries = (1...12).map { ("key\($0)", "value-\($0)-\(password)") }
    let f = try #require(H.scan(H.secret("many", stringData: entries), rules: [literal]).first)
    #expect(f.message.hasSuffix("key9, key10 and 2 more)"))
    #expect(f.message.hasPrefix("Secret \"many\" holds 12 literal values in stringData (key1, key2,"))
}

@Test func tlsPrivateKeyFinding() throws {
    let yaml = H.secret("web-tls", type: "kubernetes.io/tls", data: [("tls.crt", cert), ("tls.key", pemKey)])
    let f = try #require(H.scan(yaml, rules: [tls]).first)
    #expect(f.severity == .high)
    #expect(f.message == "Secret \"web-tls\" holds a literal TLS private key in data (tls.key, redacted)")
    #expect(f.message.contains("private key"))
    #expect(f.location.path == "data[tls.key]")
    #expect(f.location.line == 8)
    #expect(f.location.column == 3)
}

@Test func registryAndTokenFindings() throws {
    let yaml = H.secret("regcred", type: "kubernetes.io/dockerconfigjson", data: [(".dockerconfigjson", dockerJSON)])
    let f = try #require(H.scan(yaml, rules: [registry]).first)
    #expect(f.severity == .high)
    #expect(f.message.hasPrefix("Secret \"regcred\" holds literal registry credentials in data (.dockerconfigjson"))
    #expect(f.location.path == "data[.dockerconfigjson]")
    let token = H.secret(
        "robot", type: "kubernetes.io/service-account-token",
        extra: "  annotations:\n    kubernetes.io/service-account.name: build-robot\n")
    let t = try #require(H.scan(token, rules: [saToken]).first)
    #expect(
        t.message
            == "Secret \"robot\" has type kubernetes.io/service-account-token: a non-expiring token for ServiceAccount \"build-robot\""
    )
    #expect(t.location.path == "type")
    #expect(t.location.line == 7)
}

@Test func secretValuesNeverAppearInAnyMessage() {
    let docs = [
        H.secret(data: [("password", password), ("username", username)], stringData: [("token", apiToken)]),
        H.secret(type: "kubernetes.io/tls", stringData: [("tls.crt", cert), ("tls.key", pemKey)]),
        H.secret(type: "kubernetes.io/dockerconfigjson", data: [(".dockerconfigjson", dockerJSON)]),
        H.secret(type: "kubernetes.io/dockercfg", stringData: [(".dockercfg", dockerCfg)]),
        H.configMap([("DB_PASSWORD", password), ("config", pemKey), ("url", "postgres://u:\(password)@db/app")]),
    ]
    let findings = H.scan(docs.joined(separator: "---\n"), rules: H.allRules)
    #expect(findings.count == 7)
    for f in findings {
        for s in secretValues + [pemKey, cert, dockerJSON, dockerCfg] {
            #expect(!f.message.contains(s), "\(f.ruleId) leaks a value: \(f.message)")
            #expect(!f.message.contains(H.b64(s)), "\(f.ruleId) leaks an encoded value: \(f.message)")
        }
    }
}

@Test(arguments: [
    ("", true), ("  ", true), ("xxx", true), ("********", true), ("<password>", true), ("${PW}", true),
    ("$(PW)", true), ("{{ .Values.pw }}", true), ("%PW%", true), ("__PW__", true), ("changeme", true),
    ("Change-Me", true), ("REPLACE_ME", true), ("replace_me_with_token", true), ("your-api-key-here", true),
    ("TODO", true), ("hunter2", false), ("s3cr3t-value", false), ("abc", false), ("<a", false),
    ("your-password", true), ("yourself", false), ("1234", false),
])
func placeholders(_ value: String, _ isPlaceholder: Bool) {
    #expect(LiteralBytes.isPlaceholder(Array(value.utf8)) == isPlaceholder, "\(value)")
}

@Test(arguments: ["", "a", "ab", "abc", "hello world", "Tr0ub4dor&3-horse", "\u{00e9}t\u{00e9}"])
func base64RoundTrip(_ text: String) {
    #expect(LiteralBytes.base64Decode(Array(H.b64(text).utf8)) == Array(text.utf8))
}

@Test func base64RejectsNonBase64() {
    #expect(LiteralBytes.base64Decode(Array("not base64!".utf8)) == nil)
    #expect(LiteralBytes.base64Decode(Array("ab=c".utf8)) == nil)
    #expect(LiteralBytes.base64Decode(Array("YWJj\nZGVm".utf8)) == Array("abcdef".utf8))
}
