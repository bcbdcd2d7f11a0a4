import PalisadeFormats

/// The fields of an `audit.k8s.io/v1` `Event` that replay reads (the v1beta1 events older
/// clusters write have the same fields). Kept as views into the parsed tree, so building one costs
/// a few key lookups and the objects are never copied.
public struct AuditEvent {
    /// `None`, `Metadata`, `Request` or `RequestResponse`.
    public var level: String
    public var auditID: String
    /// `RequestReceived`, `ResponseStarted`, `ResponseComplete` or `Panic`.
    public var stage: String
    public var requestURI: String
    public var verb: String
    public var user: AdmissionRequest.UserInfo
    /// Who the request was authorized as, when the caller impersonated someone.
    public var impersonatedUser: AdmissionRequest.UserInfo?
    public var objectRef: ObjectRef
    /// `responseStatus.code`; nil at the RequestReceived stage.
    public var responseCode: Int?
    public var requestObject: YAMLNode?
    public var responseObject: YAMLNode?
    public var requestReceivedTimestamp: String

    /// `objectRef`: what the request was about, as the API server resolved it from the URL.
    public struct ObjectRef: Sendable, Hashable {
        public var resource = ""
        public var namespace = ""
        public var name = ""
        public var apiGroup = ""
        public var apiVersion = ""
        public var subresource = ""
    }

    /// Reads an event; nil when the tree is not an audit event (no `auditID` or `verb`), so a
    /// foreign JSON line is reported rather than guessed at.
    public init?(_ node: YAMLNode) {
        guard node.isMapping, let auditID = node["auditID"]?.string, let verb = node["verb"]?.string else {
            return nil
        }
        self.auditID = auditID
        self.verb = verb
        level = node["level"]?.string ?? ""
        stage = node["stage"]?.string ?? ""
        requestURI = node["requestURI"]?.string ?? ""
        user = Self.userInfo(node["user"]) ?? AdmissionRequest.UserInfo(username: "")
        impersonatedUser = Self.userInfo(node["impersonatedUser"])
        var ref = ObjectRef()
        if let r = node["objectRef"], r.isMapping {
            ref.resource = r["resource"]?.string ?? ""
            ref.namespace = r["namespace"]?.string ?? ""
            ref.name = r["name"]?.string ?? ""
            ref.apiGroup = r["apiGroup"]?.string ?? ""
            ref.apiVersion = r["apiVersion"]?.string ?? ""
            ref.subresource = r["subresource"]?.string ?? ""
        }
        objectRef = ref
        responseCode = node["responseStatus"]?["code"]?.int
        requestObject = Self.object(node["requestObject"])
        responseObject = Self.object(node["responseObject"])
        requestReceivedTimestamp = node["requestReceivedTimestamp"]?.string ?? node["timestamp"]?.string ?? ""
    }

    /// An object field, or nil when absent, null or not a mapping (Metadata-level events omit it).
    private static func object(_ node: YAMLNode?) -> YAMLNode? {
        guard let node, node.isMapping else { return nil }
        return node
    }

    private static func userInfo(_ node: YAMLNode?) -> AdmissionRequest.UserInfo? {
        guard let node, node.isMapping, let name = node["username"]?.string else { return nil }
        return AdmissionRequest.UserInfo(username: name, groups: node["groups"]?.items?.compactMap(\.string) ?? [])
    }

    /// The user the API server authorized the request as: the impersonated one when present.
    public var effectiveUser: AdmissionRequest.UserInfo { impersonatedUser ?? user }

    /// RequestReceived events are written before the request is handled; a later stage of the
    /// same request supersedes them.
    public var isEarlyStage: Bool { stage == "RequestReceived" }

    /// Whether the event was recorded below Request level, i.e. without any object.
    public var isMetadataOnly: Bool { level == "Metadata" || level == "None" }
}
