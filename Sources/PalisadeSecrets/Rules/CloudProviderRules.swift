/// Cloud provider credentials: AWS, Google Cloud, Azure, Alibaba, DigitalOcean, Heroku, Cloudflare,
/// HashiCorp, Pulumi, Databricks.
enum CloudProviderRules {
    static let all: [SecretRule] = [
        SecretRule(
            id: "SECRET-AWS-ACCESS-KEY", title: "AWS access key ID", severity: .high, noun: "AWS access key ID",
            service: "AWS IAM",
            pattern: #"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b"#, specificity: .prefixed,
            minEntropy: 3.0, binarySafe: true,
            why: "An AWS access key ID identifies a long-lived (AKIA) or temporary (ASIA) credential; its "
                + "secret key is usually stored next to it, and the ID alone tells an attacker which account to target.",
            remediation: "Deactivate and delete the access key in IAM, rebuild the image without it, and use an "
                + "instance, task or IRSA role (or a mounted secret) instead of static keys.",
            references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"]),
        SecretRule(
            id: "SECRET-AWS-SECRET-KEY", title: "AWS secret access key", severity: .critical,
            noun: "AWS secret access key", service: "AWS",
            pattern: PatternParts.assignment(
                #"aws_?secret_?access_?key|aws_?secret_?key|aws_?secret|secret_?access_?key"#)
                + PatternParts.token("[A-Za-z0-9/+]{40}", characters: "A-Za-z0-9/+="),
            specificity: .keyword, minEntropy: 3.5,
            remediation: "Deactivate the key pair in IAM now and review CloudTrail for its use, rebuild the image "
                + "without it, and use an instance, task or IRSA role instead of static keys.",
            references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"]),
        SecretRule(
            id: "SECRET-AWS-SESSION-TOKEN", title: "AWS session token", severity: .high,
            noun: "AWS session token", service: "AWS STS",
            pattern: PatternParts.assignment(#"aws_?session_?token|aws_?security_?token"#)
                + PatternParts.token("[A-Za-z0-9/+=]{100,2000}", characters: "A-Za-z0-9/+="),
            specificity: .keyword, minEntropy: 4.0),
        SecretRule(
            id: "SECRET-AWS-MWS-KEY", title: "Amazon MWS auth token", severity: .high,
            noun: "Amazon Marketplace Web Service auth token", service: "Amazon MWS",
            pattern: #"\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            specificity: .prefixed, binarySafe: true),
        SecretRule(
            id: "SECRET-GCP-SERVICE-ACCOUNT-KEY", title: "Google Cloud service account key", severity: .critical,
            noun: "Google Cloud service account private key", service: "Google Cloud",
            pattern:
                #""type"\s*:\s*"service_account"[\s\S]{0,4096}?"private_key"\s*:\s*"(-----BEGIN[A-Z ]{0,30} PRIVATE KEY-----[^"]{64,8192}?)""#,
            specificity: .container, detector: #""type"\s*:\s*"service_account""#,
            window: .forward(maxBytes: 16384), evidence: .headerLine, mitre: ["T1552.001", "T1552.004"],
            remediation: "Delete the key in IAM > Service accounts > Keys, rebuild the image without the JSON file, "
                + "and use Workload Identity (or a mounted secret) instead of exported keys.",
            references: ["https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys"]),
        SecretRule(
            id: "SECRET-GCP-API-KEY", title: "Google API key", severity: .medium, noun: "Google API key",
            service: "Google Cloud",
            pattern: PatternParts.token(#"\bAIza[0-9A-Za-z_-]{35}"#, characters: "0-9A-Za-z_-"),
            specificity: .prefixed, minEntropy: 3.0,
            remediation: "Restrict or delete the key in Google Cloud Console > APIs & Services > Credentials and "
                + "rebuild the image without it; give server workloads their own restricted key via a secret store."),
        SecretRule(
            id: "SECRET-GCP-OAUTH-CLIENT-SECRET", title: "Google OAuth client secret", severity: .high,
            noun: "Google OAuth client secret", service: "Google Cloud",
            pattern: PatternParts.token(#"\bGOCSPX-[0-9A-Za-z_-]{28}"#, characters: "0-9A-Za-z_-"),
            specificity: .prefixed, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-AZURE-STORAGE-KEY", title: "Azure storage account key", severity: .critical,
            noun: "Azure storage account key", service: "Azure Storage",
            pattern: #"(?:(?i:AccountKey)=|(?i:azure[\w.-]{0,30}key)["']?[ \t]{0,3}(?:=|:)[ \t]{0,3}["']?)"#
                + #"([A-Za-z0-9+/]{86}==)"#,
            specificity: .keyword, minEntropy: 4.0,
            remediation: "Rotate both storage account keys in the Azure portal, rebuild the image without them, and "
                + "use a managed identity or a short-lived SAS from a secret store instead."),
        SecretRule(
            id: "SECRET-AZURE-AD-CLIENT-SECRET", title: "Azure AD (Entra ID) client secret", severity: .high,
            noun: "Azure AD client secret", service: "Microsoft Entra ID",
            pattern: #"(?:^|[\\'"\x60\s>=:(,)])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'"\x60\s<),])"#,
            specificity: .prefixed, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-AZURE-SAS-TOKEN", title: "Azure shared access signature", severity: .high,
            noun: "Azure shared access signature", service: "Azure Storage",
            pattern: #"[?&]sv=\d{4}-\d{2}-\d{2}&[^\s"'<>]{0,512}?\bsig=([A-Za-z0-9%+/]{43,100})"#,
            specificity: .structural, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-ALIBABA-ACCESS-KEY", title: "Alibaba Cloud AccessKey ID", severity: .high,
            noun: "Alibaba Cloud AccessKey ID", service: "Alibaba Cloud",
            pattern: #"\b(LTAI[a-zA-Z0-9]{20})\b"#, specificity: .prefixed, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-DIGITALOCEAN-TOKEN", title: "DigitalOcean token", severity: .critical,
            noun: "DigitalOcean API token", service: "DigitalOcean",
            pattern: #"\b(do[opr]_v1_[a-f0-9]{64})\b"#, specificity: .prefixed, binarySafe: true),
        SecretRule(
            id: "SECRET-HEROKU-API-KEY", title: "Heroku API key", severity: .high, noun: "Heroku API key",
            service: "Heroku",
            pattern: PatternParts.assignment("heroku")
                + #"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\b"#
                + #"|\b(HRKU-AA[0-9a-zA-Z_-]{58})\b"#,
            specificity: .keyword, secretGroups: [1, 2]),
        SecretRule(
            id: "SECRET-CLOUDFLARE-API-TOKEN", title: "Cloudflare API token", severity: .high,
            noun: "Cloudflare API token", service: "Cloudflare",
            pattern: PatternParts.assignment(#"cloudflare|cf_api"#)
                + PatternParts.token("[A-Za-z0-9_-]{40}", characters: "A-Za-z0-9_-"),
            specificity: .keyword, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-VAULT-TOKEN", title: "HashiCorp Vault token", severity: .critical,
            noun: "HashiCorp Vault token", service: "HashiCorp Vault",
            pattern: PatternParts.token(#"\bhv[sb]\.[A-Za-z0-9_-]{90,120}"#, characters: "A-Za-z0-9_-"),
            specificity: .prefixed, minEntropy: 3.5, binarySafe: true),
        SecretRule(
            id: "SECRET-TERRAFORM-CLOUD-TOKEN", title: "Terraform Cloud API token", severity: .high,
            noun: "Terraform Cloud API token", service: "HCP Terraform",
            pattern: PatternParts.token(
                #"\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}"#, characters: "A-Za-z0-9_=-"),
            specificity: .prefixed, minEntropy: 3.5, binarySafe: true),
        SecretRule(
            id: "SECRET-PULUMI-TOKEN", title: "Pulumi access token", severity: .high, noun: "Pulumi access token",
            service: "Pulumi Cloud", pattern: #"\b(pul-[a-f0-9]{40})\b"#, specificity: .prefixed, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-DATABRICKS-TOKEN", title: "Databricks API token", severity: .high,
            noun: "Databricks personal access token", service: "Databricks",
            pattern: #"\b(dapi[a-f0-9]{32}(?:-\d)?)\b"#, specificity: .prefixed, minEntropy: 3.0),
    ]
}
