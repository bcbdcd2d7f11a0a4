/// Credential files recognised by name, whose syntax is only meaningful there: `.env`, `.netrc`,
/// `.pgpass`, `.git-credentials`, kubeconfig, `.htpasswd`, `/etc/shadow`. (`.npmrc`, `.pypirc`,
/// docker `config.json` and Maven `settings.xml` live with the registry rules; `.aws/credentials`
/// is covered by the AWS rules.)
enum CredentialFileRules {
    static let kubeconfigPaths = PathCondition(
        baseNames: ["kubeconfig", "admin.conf", "kubelet.conf", "controller-manager.conf", "scheduler.conf"],
        pathSuffixes: ["/.kube/config", ".kubeconfig"])

    static let all: [SecretRule] = [
        SecretRule(
            id: "SECRET-ENV-FILE", title: "Secret in a .env file", severity: .high,
            noun: "secret assignment in a .env file", service: "the service it belongs to",
            pattern: #"^[ \t]*(?:export[ \t]+)?[A-Za-z0-9_]*(?i:pass|secret|token|key|credential|auth)([A-Za-z0-9_]*)"#
                + #"[ \t]*=[ \t]*(?:"([^"\s$<>{}\\]{4,256})"|'([^'\s$<>{}\\]{4,256})'|"#
                + #"([^\s"'$<>{}\\\x23\x60]{4,256}))(?:[ \t\x23\r]|$)"#,
            specificity: .credentialFile, secretGroups: [2, 3, 4], keyGroup: 1, minEntropy: 2.0,
            placeholders: .strict, paths: PathCondition(baseNames: [".env"], baseNamePrefixes: [".env."]),
            why: ".env files hold an application's real credentials; copied into an image (often by `COPY . .`), "
                + "they are readable by anyone who pulls it.",
            remediation: "Rotate the credentials, add .env to .dockerignore, rebuild, and inject the values at run "
                + "time as environment variables from a secret store."),
        SecretRule(
            id: "SECRET-GIT-CREDENTIALS", title: "Credentials in .git-credentials", severity: .high,
            noun: "Git credential in .git-credentials", service: "the Git host",
            pattern: #"^[ \t]*https?://[^\s:/@]{1,128}:([^\s:/@]{3,256})@[^\s/]{1,255}"#,
            specificity: .credentialFile, placeholders: .strict,
            paths: PathCondition(baseNames: [".git-credentials"]),
            remediation: "Revoke the token or change the password on the Git host, rebuild without the file, and "
                + "use `docker build --secret` or `--ssh` to fetch private repositories."),
        SecretRule(
            id: "SECRET-NETRC-PASSWORD", title: "Password in .netrc", severity: .high,
            noun: "password in .netrc", service: "the host it names",
            pattern: #"\bpassword[ \t]+([^\s]{4,256})"#, specificity: .credentialFile, placeholders: .strict,
            paths: PathCondition(baseNames: [".netrc", "_netrc"])),
        SecretRule(
            id: "SECRET-PGPASS-PASSWORD", title: "Password in .pgpass", severity: .high,
            noun: "PostgreSQL password in .pgpass", service: "the PostgreSQL server",
            pattern: #"^[^:\s\x23]{1,255}:[^:\s]{1,10}:[^:\s]{1,255}:[^:\s]{1,255}:([^\s]{3,256})[ \t]*\r?$"#,
            specificity: .credentialFile, placeholders: .strict, paths: PathCondition(baseNames: [".pgpass"])),
        SecretRule(
            id: "SECRET-KUBECONFIG-CLIENT-KEY", title: "Client private key in a kubeconfig", severity: .critical,
            noun: "Kubernetes client private key (kubeconfig client-key-data)", service: "the Kubernetes cluster",
            pattern: #"client-key-data:[ \t]*["']?(LS0tLS1CRUdJTi[A-Za-z0-9+/=]{60,16384})"#,
            specificity: .prefixed, minEntropy: 3.5, mitre: ["T1552.001", "T1552.004"],
            why: "A kubeconfig client key authenticates to the cluster API as its user, often cluster-admin; anyone "
                + "who pulls the image can control the cluster.",
            remediation: "Revoke the client certificate (rotate the cluster CA or remove the user's RBAC bindings), "
                + "rebuild without the kubeconfig, and use a ServiceAccount token mounted at run time."),
        SecretRule(
            id: "SECRET-KUBECONFIG-TOKEN", title: "Token or password in a kubeconfig", severity: .high,
            noun: "Kubernetes credential in a kubeconfig", service: "the Kubernetes cluster",
            pattern: #"^[ \t]*(?:token|password|id-token|refresh-token):[ \t]*["']?([^\s"']{8,4096})"#,
            specificity: .credentialFile, minEntropy: 3.0, placeholders: .strict, paths: kubeconfigPaths,
            why: "A kubeconfig token authenticates to the cluster API as its user; anyone who pulls the image can "
                + "act on the cluster with that user's RBAC permissions.",
            remediation: "Revoke the token (delete the ServiceAccount token Secret or the user's credential), "
                + "rebuild without the kubeconfig, and mount credentials at run time."),
        SecretRule(
            id: "SECRET-HTPASSWD-HASH", title: "Password hash in .htpasswd", severity: .medium,
            noun: "password hash in .htpasswd", service: "the web server",
            pattern: #"^[^:\s\x23]{1,255}:(\$(?:apr1|2[aby]|5|6)\$[^\s:]{8,200}|\{SHA\}[A-Za-z0-9+/=]{27,28})"#,
            specificity: .credentialFile, paths: PathCondition(baseNames: [".htpasswd"]),
            why: "Password hashes can be cracked offline; weak or reused passwords fall quickly, and the file names "
                + "the valid user names too.",
            remediation: "Remove .htpasswd from the image and mount it at run time; change passwords that may have "
                + "been cracked."),
        SecretRule(
            id: "SECRET-SHADOW-HASH", title: "Password hash in /etc/shadow", severity: .medium,
            noun: "account password hash in /etc/shadow", service: "the container's accounts",
            pattern: #"^[a-z_][a-z0-9_.-]{0,31}:(\$(?:1|2[aby]|5|6|y|gy|7)\$[^:\s]{8,512}):"#,
            specificity: .credentialFile, paths: PathCondition(pathSuffixes: ["/etc/shadow"]),
            why: "A password hash in /etc/shadow means an account in the image has a usable password: it can be "
                + "cracked offline, and the same password is often used on other systems.",
            remediation: "Lock the account (`passwd -l user` or `usermod -p '*' user`) in the Dockerfile, or set "
                + "the password at run time if it is really needed."),
    ]
}
