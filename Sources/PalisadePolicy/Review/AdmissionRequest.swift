import PalisadeFormats

/// The parts of an `admission.k8s.io/v1` AdmissionRequest a policy reads. Built from a webhook
/// body (`AdmissionReviewCodec`) or from a Kubernetes audit event (`palisade admission replay`),
/// so both paths reach exactly the same decisions.
public struct AdmissionRequest: Sendable {
    public enum Operation: String, Sendable, Hashable {
        case create = "CREATE"
        case update = "UPDATE"
        case delete = "DELETE"
        case connect = "CONNECT"
    }

    /// Group/version/kind (`kind`, `requestKind`) or group/version/resource (`resource`).
    public struct GroupVersionName: Sendable, Hashable {
        public var group: String
        public var version: String
        /// The kind (`Deployment`) or the resource (`deployments`).
        public var name: String

        public init(group: String, version: String, name: String) {
            self.group = group
            self.version = version
            self.name = name
        }
    }

    public struct UserInfo: Sendable, Hashable {
        public var username: String
        public var groups: [String]

        public init(username: String, groups: [String] = []) {
            self.username = username
            self.groups = groups
        }
    }

    /// Echoed in the response; the API server drops responses whose uid does not match.
    public var uid: String
    public var kind: GroupVersionName
    public var resource: GroupVersionName
    /// `exec`, `ephemeralcontainers`, `status`, `scale`, … or empty.
    public var subResource: String
    public var operation: Operation
    public var namespace: String
    public var name: String
    public var userInfo: UserInfo
    /// The object being admitted (nil for DELETE and CONNECT without one).
    public var object: YAMLNode?
    /// The stored object for UPDATE and DELETE.
    public var oldObject: YAMLNode?
    /// `dryRun` requests are decided the same way but must not change anything (not even caches).
    public var dryRun: Bool
    /// The request's Namespace object when the sender includes it (`namespaceObject`).
    public var namespaceObject: YAMLNode?

    public init(
        uid: String, kind: GroupVersionName, resource: GroupVersionName, subResource: String = "",
        operation: Operation, namespace: String, name: String, userInfo: UserInfo, object: YAMLNode?,
        oldObject: YAMLNode? = nil, dryRun: Bool = false, namespaceObject: YAMLNode? = nil
    ) {
        self.uid = uid
        self.kind = kind
        self.resource = resource
        self.subResource = subResource
        self.operation = operation
        self.namespace = namespace
        self.name = name
        self.userInfo = userInfo
        self.object = object
        self.oldObject = oldObject
        self.dryRun = dryRun
        self.namespaceObject = namespaceObject
    }
}
