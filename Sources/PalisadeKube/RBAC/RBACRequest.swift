/// One API request as the RBAC authorizer sees it: a verb on a resource (optionally a subresource
/// and an object name) in a namespace, or a verb on a non-resource URL (`/healthz`, `/metrics`).
/// `namespace == nil` asks about the whole cluster: only ClusterRoleBindings can grant that, as with
/// `kubectl auth can-i --all-namespaces` and for cluster-scoped resources.
public struct RBACRequest: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case resource(group: String, resource: String, subresource: String, name: String)
        case nonResourceURL(String)
    }

    public var verb: String
    public var namespace: String?
    public var target: Target

    /// A resource request. `name == ""` means a request without an object name (list, create, watch),
    /// which never matches a rule restricted by `resourceNames`.
    public init(
        verb: String, group: String = "", resource: String, subresource: String = "", name: String = "",
        namespace: String? = nil
    ) {
        self.verb = verb
        self.namespace = namespace
        self.target = .resource(group: group, resource: resource, subresource: subresource, name: name)
    }

    /// A non-resource request; only ClusterRoleBindings grant these, so it carries no namespace.
    public init(verb: String, nonResourceURL: String) {
        self.verb = verb
        self.namespace = nil
        self.target = .nonResourceURL(nonResourceURL)
    }

    /// `get pods/log "web" (core) in namespace "prod"`, for messages.
    public var description: String {
        var text = verb + " "
        switch target {
        case .nonResourceURL(let url):
            return text + url
        case .resource(let group, let resource, let subresource, let name):
            text += subresource.isEmpty ? resource : resource + "/" + subresource
            if !name.isEmpty { text += " \"\(name)\"" }
            text += group.isEmpty ? " (core)" : " (\(group))"
        }
        if let namespace { return text + " in namespace \"\(namespace)\"" }
        return text + " cluster-wide"
    }
}
