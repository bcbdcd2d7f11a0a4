/// Source hosting and CI credentials: GitHub, GitLab, Bitbucket/Atlassian, CircleCI, SonarQube.
enum VersionControlRules {
    private static let githubWhy =
        "GitHub tokens act as their owner on the GitHub API: anyone who pulls the image can read private "
        + "repositories, push code or tamper with workflows within the token's scopes."
    private static let githubFix =
        "Revoke the token (GitHub > Settings > Developer settings, or the app's installation), rebuild the image "
        + "without it, and pass credentials at build time with `docker build --secret`."
    private static let gitlabFix =
        "Revoke the token in GitLab (User/Project/Group settings > Access tokens, or CI/CD settings for runner "
        + "and trigger tokens), rebuild the image without it, and use `docker build --secret` for builds."

    static let all: [SecretRule] = [
        SecretRule(
            id: "SECRET-GITHUB-PAT", title: "GitHub personal access token", severity: .critical,
            noun: "GitHub personal access token", service: "GitHub",
            pattern: #"\b(ghp_[A-Za-z0-9]{36})\b"#, specificity: .prefixed, minEntropy: 3.0, binarySafe: true,
            why: githubWhy, remediation: githubFix,
            references: ["https://docs.github.com/en/authentication/keeping-your-account-and-data-secure"]),
        SecretRule(
            id: "SECRET-GITHUB-FINE-GRAINED-PAT", title: "GitHub fine-grained personal access token",
            severity: .critical, noun: "GitHub fine-grained personal access token", service: "GitHub",
            pattern: #"\b(github_pat_[A-Za-z0-9_]{82})\b"#, specificity: .prefixed, minEntropy: 3.0,
            binarySafe: true, why: githubWhy, remediation: githubFix),
        SecretRule(
            id: "SECRET-GITHUB-OAUTH-TOKEN", title: "GitHub OAuth access token", severity: .critical,
            noun: "GitHub OAuth access token", service: "GitHub",
            pattern: #"\b(gho_[A-Za-z0-9]{36})\b"#, specificity: .prefixed, minEntropy: 3.0, binarySafe: true,
            why: githubWhy, remediation: githubFix),
        SecretRule(
            id: "SECRET-GITHUB-APP-TOKEN", title: "GitHub App token", severity: .critical,
            noun: "GitHub App user-to-server or server-to-server token", service: "GitHub",
            pattern: #"\b((?:ghu|ghs)_[A-Za-z0-9]{36})\b"#, specificity: .prefixed, minEntropy: 3.0,
            binarySafe: true, why: githubWhy, remediation: githubFix),
        SecretRule(
            id: "SECRET-GITHUB-REFRESH-TOKEN", title: "GitHub refresh token", severity: .high,
            noun: "GitHub refresh token", service: "GitHub",
            pattern: #"\b(ghr_[A-Za-z0-9]{36,76})\b"#, specificity: .prefixed, minEntropy: 3.0, binarySafe: true,
            why: githubWhy, remediation: githubFix),
        SecretRule(
            id: "SECRET-GITLAB-PAT", title: "GitLab personal access token", severity: .critical,
            noun: "GitLab personal access token", service: "GitLab",
            pattern: PatternParts.token(#"\bglpat-[A-Za-z0-9_.-]{20,80}"#, characters: "A-Za-z0-9_.-"),
            specificity: .prefixed, minEntropy: 3.0, binarySafe: true, remediation: gitlabFix),
        SecretRule(
            id: "SECRET-GITLAB-PIPELINE-TRIGGER-TOKEN", title: "GitLab pipeline trigger token", severity: .high,
            noun: "GitLab pipeline trigger token", service: "GitLab",
            pattern: #"\b(glptt-[a-f0-9]{40})\b"#, specificity: .prefixed, minEntropy: 3.0, binarySafe: true,
            remediation: gitlabFix),
        SecretRule(
            id: "SECRET-GITLAB-RUNNER-TOKEN", title: "GitLab runner token", severity: .high,
            noun: "GitLab runner authentication or registration token", service: "GitLab",
            pattern: PatternParts.token(
                #"\bglrt-[A-Za-z0-9_-]{20,60}|\bGR1348941[A-Za-z0-9_-]{20}"#, characters: "A-Za-z0-9_-"),
            specificity: .prefixed, minEntropy: 3.0, binarySafe: true, remediation: gitlabFix),
        SecretRule(
            id: "SECRET-GITLAB-DEPLOY-TOKEN", title: "GitLab deploy token", severity: .high,
            noun: "GitLab deploy token", service: "GitLab",
            pattern: PatternParts.token(#"\bgldt-[A-Za-z0-9_-]{20,60}"#, characters: "A-Za-z0-9_-"),
            specificity: .prefixed, minEntropy: 3.0, binarySafe: true, remediation: gitlabFix),
        SecretRule(
            id: "SECRET-GITLAB-OTHER-TOKEN", title: "GitLab CI, feed, OAuth or agent token", severity: .high,
            noun: "GitLab token", service: "GitLab",
            pattern: PatternParts.token(
                #"\b(?:glcbt|glffct|glimt|glagent|gloas|glsoat|glft)-[A-Za-z0-9_-]{20,80}"#,
                characters: "A-Za-z0-9_-"),
            specificity: .prefixed, minEntropy: 3.0, remediation: gitlabFix),
        SecretRule(
            id: "SECRET-BITBUCKET-APP-PASSWORD", title: "Bitbucket app password", severity: .high,
            noun: "Bitbucket app password", service: "Bitbucket",
            pattern: PatternParts.token(#"\bATBB[A-Za-z0-9_=.-]{28,40}"#, characters: "A-Za-z0-9_=.-"),
            specificity: .prefixed, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-BITBUCKET-CLIENT-SECRET", title: "Bitbucket OAuth client secret", severity: .high,
            noun: "Bitbucket OAuth client secret", service: "Bitbucket",
            pattern: PatternParts.assignment("bitbucket")
                + PatternParts.token("[A-Za-z0-9=_-]{64}", characters: "A-Za-z0-9=_-"),
            specificity: .keyword, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-ATLASSIAN-API-TOKEN", title: "Atlassian API token", severity: .high,
            noun: "Atlassian API token", service: "Atlassian (Jira, Confluence, Bitbucket)",
            pattern: PatternParts.token(#"\bATATT3[A-Za-z0-9_=-]{186}"#, characters: "A-Za-z0-9_=-"),
            specificity: .prefixed, minEntropy: 3.5),
        SecretRule(
            id: "SECRET-CIRCLECI-TOKEN", title: "CircleCI API token", severity: .high, noun: "CircleCI API token",
            service: "CircleCI", pattern: #"\b(CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})\b"#,
            specificity: .prefixed, minEntropy: 3.0),
        SecretRule(
            id: "SECRET-SONARQUBE-TOKEN", title: "SonarQube token", severity: .medium, noun: "SonarQube token",
            service: "SonarQube", pattern: #"\b((?:squ|sqp|sqa)_[a-f0-9]{40})\b"#, specificity: .prefixed,
            minEntropy: 3.0),
    ]
}
