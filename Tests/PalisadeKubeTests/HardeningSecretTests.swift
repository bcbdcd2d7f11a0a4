import PalisadeCore
import Testing

@testable import PalisadeKube

private func pod(_ container: String = "", spec: String = "") -> String {
    HardeningHarness.pod(container, spec: spec)
}

private func env(_ name: String, _ value: String) -> String {
    "env:\n- name: \(name)\n  value: \(value)"
}

private let awsKey = "AKIA" + "IOSFODNN7EXAMPLE"
private let githubToken = "ghp_" + String(repeating: "a1B2", count: 9)
private let slackToken = "xoxb-" + "1234567890-abcdefghij"

private let secretCases: [RuleCase] = [
    fires("K8S-WL-SECRET-ENV-LITERAL", "password", pod(env("DB_PASSWORD", "s3cr3t-hunter2"))),
    fires("K8S-WL-SECRET-ENV-LITERAL", "camelCase token", pod(env("githubToken", "abcdef123456"))),
    fires("K8S-WL-SECRET-ENV-LITERAL", "api key", pod(env("STRIPE_API_KEY", "\"k-12345-xyz\""))),
    fires("K8S-WL-SECRET-ENV-LITERAL", "_PASS suffix", pod(env("MYSQL_PASS", "rootroot1"))),
    fires("K8S-WL-SECRET-ENV-LITERAL", "private key", pod(env("TLS_PRIVATE_KEY", "abcdefghijkl"))),
    fires("K8S-WL-SECRET-ENV-LITERAL", "credential", pod(env("GCP_CREDENTIALS", "'{\"type\": \"sa\"}'"))),
    fires(
        "K8S-WL-SECRET-ENV-LITERAL", "file-named but not a path", pod(env("DB_PASSWORD_FILE", "hunter2hunter2"))),
    fires(
        "K8S-WL-SECRET-ENV-LITERAL", "init container",
        pod(spec: "initContainers:\n- name: init\n  image: busybox:1\n  env:\n  - name: TOKEN\n    value: abc123xyz")),
    silent(
        "K8S-WL-SECRET-ENV-LITERAL", "valueFrom",
        pod("env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, key: pw}")),
    silent("K8S-WL-SECRET-ENV-LITERAL", "$(VAR) reference", pod(env("DB_PASSWORD", "$(RAW_PASSWORD)"))),
    silent("K8S-WL-SECRET-ENV-LITERAL", "empty", pod(env("DB_PASSWORD", "\"\""))),
    silent("K8S-WL-SECRET-ENV-LITERAL", "flag value", pod(env("REQUIRE_TOKEN", "\"true\""))),
    silent("K8S-WL-SECRET-ENV-LITERAL", "number", pod(env("TOKEN_REFRESH", "\"3600\""))),
    silent("K8S-WL-SECRET-ENV-LITERAL", "file path", pod(env("DB_PASSWORD_FILE", "/var/run/secrets/db/password"))),
    silent("K8S-WL-SECRET-ENV-LITERAL", "path env", pod(env("TOKEN_PATH", "/var/run/secrets/tokens/api"))),
    silent("K8S-WL-SECRET-ENV-LITERAL", "secret name", pod(env("SECRET_NAME", "db-credentials"))),
    silent("K8S-WL-SECRET-ENV-LITERAL", "token URL", pod(env("TOKEN_URL", "https://auth.example.com/token"))),
    silent("K8S-WL-SECRET-ENV-LITERAL", "placeholder", pod(env("API_KEY", "\"<your-api-key>\""))),
    silent("K8S-WL-SECRET-ENV-LITERAL", "PWD is the working directory", pod(env("PWD", "/app/data"))),
    silent("K8S-WL-SECRET-ENV-LITERAL", "innocent name", pod(env("LOG_LEVEL", "debug"))),
    fires("K8S-WL-CREDENTIAL-IN-ENV", "AWS key under a bland name", pod(env("KEY_A", awsKey))),
    fires("K8S-WL-CREDENTIAL-IN-ENV", "GitHub token", pod(env("GH", githubToken))),
    fires("K8S-WL-CREDENTIAL-IN-ENV", "Slack token", pod(env("SLACK", slackToken))),
    fires(
        "K8S-WL-CREDENTIAL-IN-ENV", "PEM private key",
        pod(
            "env:\n- name: KEY\n  value: |\n    -----BEGIN RSA PRIVATE KEY-----\n    MIIEabc\n    -----END RSA PRIVATE KEY-----"
        )),
    fires(
        "K8S-WL-CREDENTIAL-IN-ENV", "URL with password", pod(env("DATABASE_URL", "postgres://app:pa55word@db:5432/app"))
    ),
    silent("K8S-WL-CREDENTIAL-IN-ENV", "URL without password", pod(env("DATABASE_URL", "postgres://app@db:5432/app"))),
    silent(
        "K8S-WL-CREDENTIAL-IN-ENV", "URL with a $(VAR) password",
        pod(env("DATABASE_URL", "postgres://app:$(PW)@db/app"))),
    silent("K8S-WL-CREDENTIAL-IN-ENV", "already reported by name", pod(env("AWS_SECRET_KEY", awsKey))),
    silent("K8S-WL-CREDENTIAL-IN-ENV", "too short AKIA", pod(env("X", "AKIA1234"))),
    silent("K8S-WL-CREDENTIAL-IN-ENV", "public cert", pod(env("CERT", "\"-----BEGIN CERTIFICATE-----MIIB\""))),
    fires("K8S-WL-CREDENTIAL-IN-ARGS", "flag=value", pod("args: [\"--db-password=hunter2hunter2\"]")),
    fires("K8S-WL-CREDENTIAL-IN-ARGS", "flag value", pod("args: [\"--token\", \"abcdef123456\"]")),
    fires(
        "K8S-WL-CREDENTIAL-IN-ARGS", "token shape in command",
        pod("command: [\"sh\", \"-c\", \"curl -H \(githubToken)\"]")),
    silent("K8S-WL-CREDENTIAL-IN-ARGS", "flag with file", pod("args: [\"--password-file=/etc/creds/pw\"]")),
    silent("K8S-WL-CREDENTIAL-IN-ARGS", "flag with env ref", pod("args: [\"--token=$(TOKEN)\"]")),
    silent("K8S-WL-CREDENTIAL-IN-ARGS", "innocent flags", pod("args: [\"--port\", \"8080\", \"--verbose\"]")),
    fires("K8S-WL-ENVFROM-SECRET", "secretRef", pod("envFrom:\n- secretRef:\n    name: db")),
    silent("K8S-WL-ENVFROM-SECRET", "configMapRef", pod("envFrom:\n- configMapRef:\n    name: cfg")),
]

@Test(arguments: secretCases) func hardeningSecrets(_ c: RuleCase) { c.run() }

@Test func secretMessagesNeverContainTheValue() throws {
    let value = "Sup3rS3cretValue!"
    let yaml = pod(env("DB_PASSWORD", value) + "\n- name: OTHER\n  value: " + awsKey)
    let findings = HardeningHarness.scan(yaml, rules: ["K8S-WL-SECRET-ENV-LITERAL", "K8S-WL-CREDENTIAL-IN-ENV"])
    #expect(findings.count == 2)
    for f in findings {
        #expect(!f.message.contains(value))
        #expect(!f.message.contains(awsKey))
        #expect(!f.message.contains("IOSFODNN7"))
    }
    let literal = try #require(findings.first { $0.ruleId == "K8S-WL-SECRET-ENV-LITERAL" })
    #expect(
        literal.message == "env var DB_PASSWORD of container \"app\" holds a literal value (redacted, 17 characters)")
    #expect(literal.location.path == "spec.containers[0].env[0].value")
    #expect(literal.location.line == 11)
    #expect(literal.location.column == 7)
    let shaped = try #require(findings.first { $0.ruleId == "K8S-WL-CREDENTIAL-IN-ENV" })
    #expect(shaped.message.contains("an AWS access key id"))
}

@Test(arguments: [
    ("DB_PASSWORD", CredentialName.Kind.credential), ("dbPassword", .credential), ("api-key", .credential),
    ("AWS_SECRET_ACCESS_KEY", .credential), ("AWS_ACCESS_KEY_ID", .none), ("PASSWORD_FILE", .credentialFile),
    ("PWD", .none), ("DB_PWD", .credential), ("PASS", .credential), ("PASSENGER", .none), ("HOME", .none),
    ("SECRET_NAME", .none), ("CLIENT_SECRET", .credential),
])
func credentialNames(_ name: String, _ kind: CredentialName.Kind) {
    #expect(CredentialName.classify(name) == kind)
}
