import PalisadeCore
import Testing

@testable import PalisadeKube

private typealias H = HygieneHarness

private let rule = "K8S-CONFIGMAP-CREDENTIAL"
private let password = "Tr0ub4dor&3-horse"
private let awsKey = "AKIA" + "IOSFODNN7EXAMPLE"
private let githubToken = "ghp_" + String(repeating: "a1B2", count: 9)
private let githubPAT = "github_pat_" + String(repeating: "Ab1_", count: 8)
private let slackToken = "xoxb-" + "1234567890-abcdefghij"
private let slackUser = "xoxp-" + "0987654321-klmnopqrst"
private let pemKey = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----\n"
private let values = [password, awsKey, githubToken, githubPAT, slackToken, slackUser, "MIIEowIBAAKCAQEA7"]

private let configMapCases: [HygieneCase] = [
    hygieneFires(rule, "DB_PASSWORD", H.configMap([("DB_PASSWORD", password)]), secrets: values),
    hygieneFires(rule, "lower-case password", H.configMap([("password", password)]), secrets: values),
    hygieneFires(rule, "Passwd", H.configMap([("Passwd", password)]), secrets: values),
    hygieneFires(rule, "client secret", H.configMap([("oauth.clientSecret", password)]), secrets: values),
    hygieneFires(rule, "api_key", H.configMap([("api_key", password)]), secrets: values),
    hygieneFires(rule, "apikey", H.configMap([("APIKEY", password)]), secrets: values),
    hygieneFires(rule, "access key", H.configMap([("s3-access-key", password)]), secrets: values),
    hygieneFires(rule, "private key name", H.configMap([("PRIVATE_KEY", password)]), secrets: values),
    hygieneFires(rule, "credentials", H.configMap([("credentials", password)]), secrets: values),
    hygieneFires(rule, "token", H.configMap([("slackToken", password)]), secrets: values),
    hygieneFires(rule, "_FILE name with a literal value", H.configMap([("DB_PASSWORD_FILE", password)])),
    hygieneFires(rule, "PEM private key under a bland name", H.configMap([("server.pem", pemKey)]), secrets: values),
    hygieneFires(rule, "AWS key id", H.configMap([("aws", "id=" + awsKey)]), secrets: values),
    hygieneFires(rule, "GitHub token", H.configMap([("gh", githubToken)]), secrets: values),
    hygieneFires(rule, "GitHub fine-grained token", H.configMap([("gh", githubPAT)]), secrets: values),
    hygieneFires(rule, "Slack bot token", H.configMap([("hook", slackToken)]), secrets: values),
    hygieneFires(rule, "Slack user token", H.configMap([("hook", slackUser)]), secrets: values),
    hygieneFires(
        rule, "URL with a password", H.configMap([("DATABASE_URL", "postgres://app:\(password)@db:5432/app")]),
        secrets: values),
    hygieneFires(
        rule, "one finding per key",
        H.configMap([("DB_PASSWORD", password), ("API_TOKEN", password), ("LOG_LEVEL", "debug")]), count: 2,
        secrets: values),
    hygieneFires(
        rule, "config file with an embedded key",
        H.configMap([("app.yaml", "server:\n  port: 8080\n  key: |\n" + pemKey)]), secrets: values),
    hygieneFires(
        rule, "password in a literal block",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n"
            + "  DB_PASSWORD: |\n    \(password)\n", secrets: values),
    hygieneSilent(
        rule, "multi-line config under a credential-like name",
        H.configMap([
            ("credentials", "{\n  \"s3\": {\n    \"s3SecretAccessKeyName\": \"AWS_SECRET_ACCESS_KEY\"\n  }\n}\n")
        ])),
    hygieneSilent(rule, "ordinary settings", H.configMap([("LOG_LEVEL", "debug"), ("PORT", "8080")])),
    hygieneSilent(rule, "_FILE name pointing to a file", H.configMap([("DB_PASSWORD_FILE", "/run/secrets/db")])),
    hygieneSilent(rule, "_PATH name", H.configMap([("TOKEN_PATH", "/var/run/secrets/tokens/api")])),
    hygieneSilent(rule, "secret name reference", H.configMap([("SECRET_NAME", "db-credentials")])),
    hygieneSilent(rule, "token URL", H.configMap([("TOKEN_URL", "https://auth.example.com/token")])),
    hygieneSilent(rule, "access key id", H.configMap([("AWS_ACCESS_KEY_ID_NAME", "prod")])),
    hygieneSilent(rule, "empty value", H.configMap([("DB_PASSWORD", "")])),
    hygieneSilent(
        rule, "placeholders",
        H.configMap([
            ("DB_PASSWORD", "changeme"), ("API_TOKEN", "<token>"), ("SECRET", "${SECRET}"), ("API_KEY", "REPLACE_ME"),
            ("PASSWORD", "xxx"), ("TOKEN", "__TOKEN__"),
        ])),
    hygieneSilent(rule, "flag values", H.configMap([("REQUIRE_TOKEN", "true"), ("TOKEN_TTL", "3600")])),
    hygieneSilent(rule, "URL without a password", H.configMap([("DATABASE_URL", "postgres://app@db:5432/app")])),
    hygieneSilent(rule, "public certificate", H.configMap([("ca.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n")])),
    hygieneSilent(rule, "short AKIA", H.configMap([("id", "AKIA1234")])),
    hygieneSilent(
        rule, "Secret is not a ConfigMap",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  DB_PASSWORD: \(password)\n"),
    hygieneSilent(
        rule, "binaryData is not inspected",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nbinaryData:\n  password: aHVudGVyMg==\n"),
    hygieneSilent(rule, "no data", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"),
]

@Test(arguments: configMapCases) func objectHygieneConfigMaps(_ c: HygieneCase) { c.run() }

@Test func configMapMessagesAndLocations() throws {
    let yaml = H.configMap([("LOG_LEVEL", "info"), ("DB_PASSWORD", password), ("tls.key", pemKey)], name: "app-config")
    let findings = H.scan(yaml, rules: [rule])
    #expect(findings.count == 2)
    let named = try #require(findings.first)
    #expect(named.severity == .high)
    #expect(
        named.message
            == "ConfigMap \"app-config\" key DB_PASSWORD holds a literal credential (redacted, \(password.count) characters)"
    )
    #expect(named.location.path == "data.DB_PASSWORD")
    #expect(named.location.line == 7)
    #expect(named.location.column == 3)
    let shaped = try #require(findings.last)
    #expect(
        shaped.message
            == "ConfigMap \"app-config\" key tls.key holds what looks like a private key (redacted, \(pemKey.count) characters)"
    )
    #expect(shaped.location.path == "data[tls.key]")
    #expect(shaped.location.line == 8)
}
