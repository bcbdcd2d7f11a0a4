/// One entry of an ignore file: which findings it silences, why, and until when.
public struct IgnoreEntry: Sendable, Hashable {
    /// Which object the entry is about; every field is optional and may use `*` globs.
    public struct ObjectPattern: Sendable, Hashable {
        public var kind: String?
        public var namespace: String?
        public var name: String?

        public init(kind: String? = nil, namespace: String? = nil, name: String? = nil) {
            self.kind = kind
            self.namespace = namespace
            self.name = name
        }
    }

    /// Rule id, upper-cased; a trailing (or any) `*` is a glob.
    public var rule: String
    public var object: ObjectPattern?
    /// File path prefix the finding's file must start with (`examples/legacy/`).
    public var path: String?
    /// Why the finding is accepted; required so that every exception is explained.
    public var reason: String
    /// Last day the entry applies; after it the findings are reported again.
    public var expires: CalendarDate?
    /// Where the entry was written, for notes (`.palisadeignore.yaml`, line 4).
    public var file: String
    public var line: Int

    public init(
        rule: String, object: ObjectPattern? = nil, path: String? = nil, reason: String,
        expires: CalendarDate? = nil, file: String = "", line: Int = 0
    ) {
        self.rule = rule.uppercased()
        self.object = object
        self.path = path
        self.reason = reason
        self.expires = expires
        self.file = file
        self.line = line
    }

    /// True once `today` is past the expiry date (the expiry day itself still ignores).
    public func isExpired(on today: CalendarDate) -> Bool {
        guard let expires else { return false }
        return today > expires
    }

    /// True when this entry silences `finding` (expiry is checked separately).
    public func matches(_ finding: Finding) -> Bool {
        // Vulnerability findings: any of the vulnerability's ids (CVE, GHSA, …) names it.
        let ids = finding.vulnerability?.allIDs ?? [finding.ruleId]
        guard ids.contains(where: { Glob.matches(rule, $0.uppercased()) }) else { return false }
        if let path, !Self.normalised(finding.location.file).hasPrefix(Self.normalised(path)) {
            // Image findings: an absolute path also matches the file inside the image
            // (`path: /usr/lib/python3/dist-packages/`).
            guard finding.location.layer != nil, path.hasPrefix("/"), finding.location.path.hasPrefix(path) else {
                return false
            }
        }
        if let object {
            guard let ref = finding.object else { return false }
            if let kind = object.kind, !Glob.matches(kind, ref.kind) { return false }
            if let name = object.name, !Glob.matches(name, ref.name) { return false }
            // An object without a namespace in its manifest only matches the `*` pattern.
            if let ns = object.namespace, !Glob.matches(ns, ref.namespace ?? "") || (ref.namespace == nil && ns != "*")
            {
                return false
            }
        }
        return true
    }

    /// `./a/b` and `a/b` name the same file.
    static func normalised(_ path: String) -> Substring {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        return p
    }
}
