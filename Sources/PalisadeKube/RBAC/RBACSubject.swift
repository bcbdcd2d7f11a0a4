/// A subject of a RoleBinding or ClusterRoleBinding: a User, a Group or a ServiceAccount.
public struct RBACSubject: Sendable, Hashable, Comparable {
    public static let user = "User"
    public static let group = "Group"
    public static let serviceAccount = "ServiceAccount"

    /// `User`, `Group`, `ServiceAccount`, or whatever else the manifest says (which matches nobody).
    public var kind: String
    public var name: String
    /// For ServiceAccounts: their namespace (from the subject, or the RoleBinding's when omitted).
    public var namespace: String?

    public init(kind: String, name: String, namespace: String? = nil) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    /// `user:alice`, `group:devs`, `sa:NS:NAME`: the syntax the CLI accepts, so output can be pasted back.
    public var label: String {
        switch kind {
        case Self.user: return "user:" + name
        case Self.group: return "group:" + name
        case Self.serviceAccount: return "sa:\(namespace ?? "?"):\(name)"
        default: return "\(kind):\(name)"
        }
    }

    /// Parses `user:NAME`, `group:NAME`, `sa:NS:NAME` or `system:serviceaccount:NS:NAME`; `nil` otherwise.
    public static func parse(_ text: String) -> RBACSubject? {
        let saPrefix = "system:serviceaccount:"
        if text.hasPrefix(saPrefix) { return serviceAccount(String(text.dropFirst(saPrefix.count))) }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let prefix = text[..<colon].lowercased()
        let rest = String(text[text.index(after: colon)...])
        guard !rest.isEmpty else { return nil }
        switch prefix {
        case "user", "u": return RBACSubject(kind: user, name: rest)
        case "group", "g": return RBACSubject(kind: group, name: rest)
        case "sa", "serviceaccount": return serviceAccount(rest)
        default: return nil
        }
    }

    private static func serviceAccount(_ rest: String) -> RBACSubject? {
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return RBACSubject(kind: serviceAccount, name: String(parts[1]), namespace: String(parts[0]))
    }

    public static func < (a: RBACSubject, b: RBACSubject) -> Bool {
        (a.kind, a.namespace ?? "", a.name) < (b.kind, b.namespace ?? "", b.name)
    }
}

/// Who makes a request: a user name and groups, as an authenticator hands them to the authorizer.
/// Built from a subject so that a ServiceAccount also carries its implicit groups.
public struct RBACIdentity: Sendable, Hashable {
    public var userName: String?
    public var groups: [String]

    public init(userName: String?, groups: [String]) {
        self.userName = userName
        self.groups = groups
    }

    /// The identity a subject authenticates as: users get `system:authenticated` (the anonymous user
    /// `system:unauthenticated`); a service account is the user `system:serviceaccount:NS:NAME` in
    /// `system:serviceaccounts`, `system:serviceaccounts:NS` and `system:authenticated`; a group means
    /// any member of it, who is authenticated too (unless the group is `system:unauthenticated`).
    /// `extraGroups` are further groups the user is in (from the identity provider).
    public init(_ subject: RBACSubject, extraGroups: [String] = []) {
        var groups: [String] = []
        switch subject.kind {
        case RBACSubject.serviceAccount:
            let ns = subject.namespace ?? ""
            userName = "system:serviceaccount:\(ns):\(subject.name)"
            groups = ["system:serviceaccounts", "system:serviceaccounts:\(ns)"]
        case RBACSubject.group:
            userName = nil
            groups = [subject.name]
        default:
            userName = subject.name
        }
        for g in extraGroups where !groups.contains(g) { groups.append(g) }
        let anonymous = userName == "system:anonymous" || groups.contains("system:unauthenticated")
        let implicit = anonymous ? "system:unauthenticated" : "system:authenticated"
        if !groups.contains(implicit) { groups.append(implicit) }
        self.groups = groups
    }

    /// `user == "system:serviceaccount:" + namespace + ":" + name`, without building the string
    /// (called for every binding subject a query walks).
    static func isServiceAccountUser(_ user: String, namespace: String, name: String) -> Bool {
        let prefix = "system:serviceaccount:".utf8
        let u = user.utf8
        guard u.count == prefix.count + namespace.utf8.count + 1 + name.utf8.count, u.starts(with: prefix) else {
            return false
        }
        let rest = u.dropFirst(prefix.count)
        guard rest.starts(with: namespace.utf8) else { return false }
        let tail = rest.dropFirst(namespace.utf8.count)
        return tail.first == UInt8(ascii: ":") && tail.dropFirst().elementsEqual(name.utf8)
    }

    /// `appliesToUser` of the RBAC authorizer: a User subject by name, a Group by membership, and a
    /// ServiceAccount by its user name, its namespace defaulting to the RoleBinding's.
    public func matches(_ subject: RBACSubject, bindingNamespace: String?) -> Bool {
        switch subject.kind {
        case RBACSubject.user:
            return userName == subject.name
        case RBACSubject.group:
            return groups.contains(subject.name)
        case RBACSubject.serviceAccount:
            guard let ns = subject.namespace ?? bindingNamespace, !ns.isEmpty, let userName else { return false }
            return Self.isServiceAccountUser(userName, namespace: ns, name: subject.name)
        default:
            return false
        }
    }
}
