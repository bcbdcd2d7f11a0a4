/// Secrets recognised by their structure rather than an issuer's prefix: JWTs, URIs with passwords,
/// Authorization headers, and credentials on command lines (where build args leak into history).
enum StructuralRules {
    /// Characters that end an unquoted shell word or start an expansion: `$VAR` is not a secret.
    private static let shellWord = #"[^\s"'$<>{}()|;&\x60]"#

    static let all: [SecretRule] = [
        SecretRule(
            id: "SECRET-JWT", title: "JSON Web Token", severity: .medium, noun: "JSON Web Token",
            service: "the service that issued it",
            pattern: #"\b(eyJ[A-Za-z0-9_-]{10,4096}\.eyJ[A-Za-z0-9_-]{10,8192}\.[A-Za-z0-9_-]{10,4096})"#
                + #"(?:[^A-Za-z0-9_.-]|$)"#,
            specificity: .structural, minEntropy: 3.0, validator: .jwt,
            why: "A signed JWT is a bearer credential: until it expires, whoever holds it is the subject it names. "
                + "Tokens baked into images often have long lifetimes or none.",
            remediation: "Revoke the token or rotate the signing key if the token does not expire, rebuild the "
                + "image without it, and fetch tokens at run time.",
            references: ["https://datatracker.ietf.org/doc/html/rfc7519"]),
        SecretRule(
            id: "SECRET-DATABASE-URI", title: "Database connection string with a password", severity: .high,
            noun: "database connection string with a password", service: "the database",
            pattern: #"\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|"#
                + #"cockroachdb|clickhouse|couchdb|neo4j(?:\+s)?|jdbc:[a-z0-9]{2,20})://[^\s:/@"'<>]{0,128}:"#
                + #"([^\s:/@"'<>]{3,256})@[A-Za-z0-9.\[\]_-]{1,255}"#,
            specificity: .structural, placeholders: .strict,
            why: "A connection string with an embedded password gives direct access to the database, bypassing "
                + "the application and its access controls.",
            remediation: "Change the database password, rebuild the image without it, and pass the connection "
                + "string at run time from a secret (e.g. a Kubernetes Secret as an env var or file)."),
        SecretRule(
            id: "SECRET-URL-CREDENTIALS", title: "Password in a URL", severity: .medium,
            noun: "URL with an embedded password", service: "the server the URL points to",
            pattern: #"\b(?:https?|ftps?|sftp|ssh|git|svn|smb)://[^\s:/@"'<>]{1,128}:([^\s:/@"'<>]{3,256})"#
                + #"@[A-Za-z0-9.-]{1,255}"#,
            specificity: .structural, placeholders: .strict),
        SecretRule(
            id: "SECRET-AUTHORIZATION-BEARER", title: "Bearer token in an Authorization header", severity: .high,
            noun: "bearer token in an Authorization header", service: "the API it authenticates to",
            pattern: #"(?i:authorization)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?(?i:bearer)[ \t]+"#
                + #"([A-Za-z0-9._~+/-]{20,2048}=*)"#,
            specificity: .keyword, minEntropy: 3.5, placeholders: .strict),
        SecretRule(
            id: "SECRET-AUTHORIZATION-BASIC", title: "Basic credentials in an Authorization header",
            severity: .high, noun: "username and password in a Basic Authorization header",
            service: "the server it authenticates to",
            pattern:
                #"(?i:authorization)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?(?i:basic)[ \t]+([A-Za-z0-9+/]{8,1024}={0,2})"#,
            specificity: .keyword, placeholders: .strict, validator: .base64Credentials),
        SecretRule(
            id: "SECRET-CLI-PASSWORD", title: "Credential passed on a command line", severity: .high,
            noun: "credential passed as a command-line argument", service: "the service it authenticates to",
            pattern: #"(?:^|[\s"'])--(?:password|passwd|pass|token|api-key|apikey|secret|client-secret|"#
                + #"access-token|auth-token)(?:=|[ \t]+)["']?("# + shellWord + "{6,256})"
                + #"|\blogin\b[^\n]{0,200}?[ \t]-p[ \t]+["']?([^\s"'$<>{}()|;&\x60-]"# + shellWord + "{5,255})"
                + #"|\bcurl\b[^\n]{0,200}?[ \t](?:-u|--user)[ \t]+["']?[^\s:"'$]{1,128}:("# + shellWord
                + "{4,256})",
            specificity: .structural, secretGroups: [1, 2, 3], minEntropy: 2.0, placeholders: .strict,
            why: "Command lines are recorded in image history (RUN and build args), shell history and process "
                + "listings; a credential passed this way is readable by anyone who can inspect the image.",
            remediation: "Change the credential, rebuild without it, and use `docker build --secret` (or "
                + "`--password-stdin`) so it never appears in a command line or layer."),
    ]
}
