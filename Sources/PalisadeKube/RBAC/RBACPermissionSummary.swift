/// A subject's permissions merged for reading: per scope (cluster-wide first, then namespaces by
/// name), rules with the same API groups, resources, names and URLs become one entry with their
/// verbs combined and every granting path listed.
public struct RBACPermissionSummary: Sendable {
    public struct Entry: Sendable, Hashable {
        public var verbs: [String]
        public var apiGroups: [String]
        public var resources: [String]
        public var resourceNames: [String]
        public var nonResourceURLs: [String]
        /// `RoleBinding/ns/b -> ClusterRole/edit (aggregated from ...)`, one per granting rule.
        public var via: [String]
    }

    public struct Scope: Sendable {
        /// `nil` for cluster-wide.
        public var namespace: String?
        public var entries: [Entry]
    }

    public var scopes: [Scope]

    public init(_ permissions: [(namespace: String?, grant: RBACGrant)]) {
        struct Key: Hashable {
            let groups: [String]
            let resources: [String]
            let names: [String]
            let urls: [String]
        }
        var byScope: [String?: (order: [Key], entries: [Key: Entry])] = [:]
        for (namespace, grant) in permissions {
            let r = grant.rule
            let key = Key(
                groups: r.apiGroups.sorted(), resources: r.resources.sorted(), names: r.resourceNames.sorted(),
                urls: r.nonResourceURLs.sorted())
            var scope = byScope[namespace] ?? ([], [:])
            if var entry = scope.entries[key] {
                for v in r.verbs where !entry.verbs.contains(v) { entry.verbs.append(v) }
                if !entry.via.contains(grant.path) { entry.via.append(grant.path) }
                scope.entries[key] = entry
            } else {
                scope.order.append(key)
                scope.entries[key] = Entry(
                    verbs: r.verbs, apiGroups: key.groups, resources: key.resources, resourceNames: key.names,
                    nonResourceURLs: key.urls, via: [grant.path])
            }
            byScope[namespace] = scope
        }
        let namespaces = byScope.keys.sorted { ($0 ?? "") < ($1 ?? "") || ($0 == nil && $1 != nil) }
        scopes = namespaces.map { ns in
            let scope = byScope[ns]!
            return Scope(namespace: ns, entries: scope.order.compactMap { scope.entries[$0] })
        }
    }
}
