/// Private keys: PEM (PKCS#1/#8, EC, DSA, encrypted), OpenSSH, PGP, PuTTY and age. Each needs a real
/// key body, not only the armour line, so libraries that merely mention `-----BEGIN … PRIVATE KEY-----`
/// in code are not reported. Evidence shows only the armour line.
enum PrivateKeyRules {
    private static let keyWhy =
        "A private key in an image lets anyone who pulls it impersonate the key's owner: decrypt TLS traffic, "
        + "sign artifacts, or log in wherever the matching public key is trusted."
    private static let keyFix =
        "Treat the key as compromised: revoke or replace it (and any certificate issued for it), rebuild the "
        + "image without it, and mount keys at run time from a secret store."
    /// Base64 body of a PEM block; `\` covers keys embedded with escaped newlines in JSON or env values.
    private static let pemBody = #"[A-Za-z0-9+/=\s\\:,.-]{64,65000}?"#

    static let all: [SecretRule] = [
        SecretRule(
            id: "SECRET-PRIVATE-KEY", title: "PEM private key", severity: .critical, noun: "PEM private key",
            service: "every system that trusts it",
            pattern: #"(-----BEGIN (?:(?:RSA|EC|DSA|ENCRYPTED) )?PRIVATE KEY-----"# + pemBody
                + #"-----END (?:(?:RSA|EC|DSA|ENCRYPTED) )?PRIVATE KEY-----)"#,
            specificity: .prefixed, detector: #"-----BEGIN (?:(?:RSA|EC|DSA|ENCRYPTED) )?PRIVATE KEY-----"#,
            window: .forward(maxBytes: 70000), minEntropy: 3.0, binarySafe: true, evidence: .headerLine,
            mitre: ["T1552.004"], why: keyWhy, remediation: keyFix),
        SecretRule(
            id: "SECRET-OPENSSH-PRIVATE-KEY", title: "OpenSSH private key", severity: .critical,
            noun: "OpenSSH private key", service: "every host that trusts it",
            pattern: #"(-----BEGIN OPENSSH PRIVATE KEY-----(?:\s|\\[nr])*b3BlbnNzaC1rZXktdjE"#
                + #"[A-Za-z0-9+/=\s\\]{40,65000}?-----END OPENSSH PRIVATE KEY-----)"#,
            specificity: .prefixed, detector: #"-----BEGIN OPENSSH PRIVATE KEY-----"#,
            window: .forward(maxBytes: 70000), minEntropy: 3.0, binarySafe: true, evidence: .headerLine,
            mitre: ["T1552.004"], why: keyWhy,
            remediation: "Remove the public key from every authorized_keys and Git host that trusts it, rebuild "
                + "the image without the key, and mount deploy keys at run time (or use `docker build --ssh`)."),
        SecretRule(
            id: "SECRET-PGP-PRIVATE-KEY", title: "PGP private key block", severity: .critical,
            noun: "PGP private key block", service: "everyone who trusts its signatures",
            pattern: #"(-----BEGIN PGP PRIVATE KEY BLOCK-----[\s\S]{64,}?-----END PGP PRIVATE KEY BLOCK-----)"#,
            specificity: .prefixed, detector: #"-----BEGIN PGP PRIVATE KEY BLOCK-----"#,
            window: .forward(maxBytes: 270000), minEntropy: 3.0, binarySafe: true, evidence: .headerLine,
            mitre: ["T1552.004"], why: keyWhy,
            remediation: "Revoke the key (publish a revocation certificate), rebuild the image without it, and "
                + "import signing keys at run time from a secret store."),
        SecretRule(
            id: "SECRET-PUTTY-PRIVATE-KEY", title: "PuTTY private key", severity: .critical,
            noun: "PuTTY private key", service: "every host that trusts it",
            pattern: #"(PuTTY-User-Key-File-[23]: [\w-]{3,40}\r?\n[\s\S]{0,8192}?Private-Lines: [0-9]{1,4})"#,
            specificity: .prefixed, detector: #"PuTTY-User-Key-File-[23]: "#, window: .forward(maxBytes: 16384),
            binarySafe: true, evidence: .headerLine, mitre: ["T1552.004"], why: keyWhy, remediation: keyFix),
        SecretRule(
            id: "SECRET-AGE-SECRET-KEY", title: "age secret key", severity: .critical, noun: "age secret key",
            service: "everything encrypted to it",
            pattern: #"\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b"#, specificity: .prefixed,
            minEntropy: 3.0, binarySafe: true, mitre: ["T1552.004"], why: keyWhy,
            remediation: "Re-encrypt everything encrypted to this identity with a new key, rebuild the image "
                + "without it, and mount the identity at run time."),
    ]
}
