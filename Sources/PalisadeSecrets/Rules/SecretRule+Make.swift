import PalisadeCore

extension SecretRule {
    /// Builds a rule with the metadata every secret rule shares: category "Secrets", NIST SP 800-190
    /// image risks, MITRE ATT&CK T1552 (Unsecured Credentials). `why` and `remediation` default to
    /// text naming the service; rules with a different story pass their own.
    init(
        id: String, title: String, severity: Severity, noun: String, service: String, pattern: String,
        specificity: Specificity, detector: String? = nil, secretGroups: [Int] = [1], keyGroup: Int? = nil,
        unquotedGroup: Int? = nil, window: VerificationWindow = .line, minEntropy: Double = 0,
        placeholders: PlaceholderPolicy = .light, validator: ValueValidator = .none, binarySafe: Bool = false,
        paths: PathCondition? = nil, evidence: EvidenceStyle = .maskedValue, mitre: [String] = ["T1552.001"],
        why: String? = nil, remediation: String? = nil, references: [String] = []
    ) {
        let defaultWhy =
            "Anyone who can pull the image can read this \(noun) from its layers or config and use it against "
            + "\(service) with its owner's permissions; registries, caches and CI logs keep image contents long "
            + "after the file is deleted in a later layer."
        let defaultRemediation =
            "Revoke or rotate the \(noun) in \(service) now, rebuild the image without it (deleting it in a "
            + "later layer does not remove it), and supply it at run time from a secret store or at build time "
            + "with `docker build --secret`."
        self.init(
            metadata: RuleMetadata(
                id: id, title: title, severity: severity, category: "Secrets", why: why ?? defaultWhy,
                remediation: remediation ?? defaultRemediation,
                frameworks: FrameworkMappings(mitre: mitre, nist: [.image]), references: references),
            noun: noun, pattern: pattern, detector: detector, secretGroups: secretGroups, keyGroup: keyGroup,
            unquotedGroup: unquotedGroup, window: window, specificity: specificity, minEntropy: minEntropy,
            placeholders: placeholders, validator: validator, binarySafe: binarySafe, paths: paths,
            evidence: evidence)
    }
}

/// Regex fragments shared by the rule files, written once so every rule agrees on syntax.
enum PatternParts {
    /// `keyword[_suffix]["'] = | : | := | => ["']`: an assignment in code, YAML, JSON, INI or env
    /// syntax, the keyword matched case-insensitively (`AWS_SECRET_ACCESS_KEY=`, `"apiKey": "`).
    static func assignment(_ keyword: String) -> String {
        #"(?i:"# + keyword + #")[\w.-]{0,20}["']?[ \t]{0,3}(?:=|:=|:|=>)[ \t]{0,3}["']?"#
    }

    /// A value that stops at the end of a token made of `characters`.
    static func token(_ body: String, characters: String) -> String {
        "(" + body + ")(?:[^" + characters + "]|$)"
    }
}
