import PalisadeCore

/// One secret rule: its user-facing metadata plus everything the engine needs to find and filter
/// its matches. Rules are plain values declared in the `Rules/*Rules.swift` files.
struct SecretRule: Sendable {
    var metadata: RuleMetadata
    /// What was found, as a noun phrase for messages: "GitHub personal access token".
    var noun: String
    /// The PCRE2 pattern that extracts the secret. Capture groups listed in ``secretGroups`` hold
    /// the secret value (the first one that took part wins).
    var pattern: String
    /// The Hyperscan detector when it differs from ``pattern`` (e.g. only the header of a
    /// multi-line private key). Any line where the full pattern matches must also fire the detector.
    var detector: String?
    var secretGroups: [Int] = [1]
    /// The capture group holding the assignment's key name, for rules that filter on it.
    var keyGroup: Int?
    /// The capture group holding an unquoted value: identifiers there are code (`password = pwd_var`), not secrets.
    var unquotedGroup: Int?
    var window: VerificationWindow = .line
    var specificity: Specificity
    /// Minimum Shannon entropy (bits per byte) of the secret value.
    var minEntropy: Double = 0
    var placeholders: PlaceholderPolicy = .light
    /// Extra structural check of the value (base64 that decodes to `user:password`, a JWT header...).
    var validator: ValueValidator = .none
    /// Whether the rule still runs on binary files: only rules whose matches are self-evidently
    /// secrets (fixed prefixes, PEM armour), never keyword or generic rules.
    var binarySafe: Bool = false
    /// When set, the rule only applies to files whose path matches (and never to config text).
    var paths: PathCondition?
    /// Private keys show only their armour line as evidence; other secrets show their masked value.
    var evidence: EvidenceStyle = .maskedValue
}

/// Where PCRE2 looks after Hyperscan reports a match end.
enum VerificationWindow: Sendable, Equatable {
    /// The line that holds the match end (capped around it on very long lines).
    case line
    /// From the start of the hit's line forward up to `maxBytes`: multi-line secrets such as PEM blocks.
    case forward(maxBytes: Int)
}

/// How specific a rule is. When two matches overlap, only the most specific is reported, so
/// `GITHUB_TOKEN=ghp_…` yields the GitHub rule and not also the generic token rule.
enum Specificity: Int, Sendable, Comparable {
    /// Keyword + high-entropy value, no idea which service.
    case generic = 10
    /// A recognisable structure (URI with a password, Authorization header, JWT).
    case structural = 20
    /// A service keyword next to a value of the service's format.
    case keyword = 30
    /// A credential file's own syntax (.pypirc, .git-credentials, kubeconfig).
    case credentialFile = 40
    /// A token format with a unique prefix or armour (ghp_, AKIA, -----BEGIN … PRIVATE KEY-----).
    case prefixed = 50
    /// A format that embeds another rule's format (a GCP service-account JSON embeds a PEM key).
    case container = 60

    static func < (a: Specificity, b: Specificity) -> Bool { a.rawValue < b.rawValue }
}

/// How hard values are checked against known placeholders and decoys.
enum PlaceholderPolicy: Sendable, Equatable {
    /// Prefixed tokens: only documentation examples (`…EXAMPLE…`) and `xxxxx` fillers.
    case light
    /// Keyword assignments: also variables (`${X}`, `$(x)`, `{{ x }}`), `<token>`, `changeme`,
    /// `your_api_key`, identifiers and dotted references, words like "password" itself, paths and URLs.
    case strict
}

enum ValueValidator: Sendable, Equatable {
    case none
    /// Base64 that decodes to printable `user:password` (docker config "auth", Basic headers).
    case base64Credentials
    /// Three base64url parts whose first decodes to a JSON object with "alg".
    case jwt
    /// At least one ASCII digit (generic tokens: random values of that length nearly always have one).
    case containsDigit
}

enum EvidenceStyle: Sendable, Equatable {
    case maskedValue
    /// Only the first line of the match (the `-----BEGIN … PRIVATE KEY-----` armour).
    case headerLine
}

/// A file-name condition for rules that only make sense in one kind of file.
struct PathCondition: Sendable {
    /// Exact base names, compared case-sensitively: `.pypirc`, `.git-credentials`.
    var baseNames: [String] = []
    /// Base-name prefixes: `.env` matches `.env.production`.
    var baseNamePrefixes: [String] = []
    /// Path suffixes: `/.kube/config`, `.kubeconfig`.
    var pathSuffixes: [String] = []

    func matches(path: String) -> Bool {
        matches(path: path, base: Self.baseName(of: path))
    }

    /// `base` is `baseName(of: path)`, computed once per file by the caller.
    func matches(path: String, base: Substring) -> Bool {
        if baseNames.contains(where: { $0 == base }) { return true }
        if baseNamePrefixes.contains(where: { base.hasPrefix($0) }) { return true }
        return pathSuffixes.contains(where: { path.hasSuffix($0) })
    }

    /// The last path component, without allocating.
    static func baseName(of path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path[...] }
        return path[path.index(after: slash)...]
    }
}
