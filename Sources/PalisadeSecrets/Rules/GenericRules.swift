/// Keyword assignments with no issuer prefix: `password = "…"`, `SECRET_KEY=…`, `apiKey: …`.
/// These are the noisiest rules, so values must pass entropy, placeholder, identifier and key-name
/// filters, and any more specific rule on the same span wins.
enum GenericRules {
    /// `"v"`, `'v'` or an unquoted v: three alternatives so that a quoted value may hold characters
    /// that end an unquoted one. Groups: quoted-double, quoted-single, unquoted.
    private static func value(min: Int, max: Int) -> String {
        #"(?:"([^"\s$<>{}\\\x60]{\#(min),\#(max)})"|'([^'\s$<>{}\\\x60]{\#(min),\#(max)})'|"#
            + #"([^\s"'$<>{}()\[\],;\\\x23\x60]{\#(min),\#(max)})(?:[\s;,]|$))"#
    }

    private static func assignment(_ keyword: String) -> String {
        #"(?i:"# + keyword + #")([\w.-]{0,20})["']?[ \t]{0,3}(?:=|:=|:|=>)[ \t]{0,3}"#
    }

    private static let genericFix =
        "Rotate the credential, rebuild the image without it, and read it at run time from the environment of "
        + "a secret store (Kubernetes Secret, Vault) or at build time with `docker build --secret`."

    static let all: [SecretRule] = [
        SecretRule(
            id: "SECRET-GENERIC-PASSWORD", title: "Hard-coded password", severity: .medium,
            noun: "hard-coded password", service: "the system it protects",
            pattern: assignment(#"passw(?:or)?d|passphrase|_pass\b|\bpass\b|\bpwd\b"#) + value(min: 6, max: 128),
            specificity: .generic, secretGroups: [2, 3, 4], keyGroup: 1, unquotedGroup: 4, minEntropy: 2.5,
            placeholders: .strict, mitre: ["T1552.001"],
            why: "A password written into code, config or ENV is readable by anyone who pulls the image, and "
                + "the same password is often reused elsewhere.",
            remediation: genericFix),
        SecretRule(
            id: "SECRET-GENERIC-SECRET", title: "Hard-coded secret", severity: .medium,
            noun: "hard-coded secret", service: "the system that trusts it",
            pattern: assignment(#"secret|signing_?key|encryption_?key|master_?key"#) + value(min: 12, max: 256),
            specificity: .generic, secretGroups: [2, 3, 4], keyGroup: 1, unquotedGroup: 4, minEntropy: 3.5,
            placeholders: .strict, validator: .containsDigit,
            why: "Secrets such as signing and encryption keys in an image let anyone who pulls it forge sessions, "
                + "tokens or signatures, or decrypt data protected by the key.",
            remediation: genericFix),
        SecretRule(
            id: "SECRET-GENERIC-TOKEN", title: "Hard-coded API token or key", severity: .medium,
            noun: "hard-coded API token or key", service: "the API it authenticates to",
            pattern: assignment(#"token|api_?key|apikey|access_?key|auth_?key|credential"#)
                + value(min: 16, max: 256),
            specificity: .generic, secretGroups: [2, 3, 4], keyGroup: 1, unquotedGroup: 4, minEntropy: 3.5,
            placeholders: .strict, validator: .containsDigit,
            why: "An API token in an image authenticates anyone who pulls it to the API, with the token owner's "
                + "permissions.",
            remediation: genericFix),
    ]
}
