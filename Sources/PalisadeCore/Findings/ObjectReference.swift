/// The Kubernetes object (or other named target) a finding is about.
public struct ObjectReference: Sendable, Codable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var namespace: String?
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String?, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `Deployment/prod/web` or `ClusterRole/admin`: short and unambiguous for tables and logs.
    public var displayName: String {
        if let namespace { return "\(kind)/\(namespace)/\(name)" }
        return "\(kind)/\(name)"
    }
}
