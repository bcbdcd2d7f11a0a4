import PalisadeFormats

/// Why a create/update/patch event could not be replayed.
public enum ReplaySkipReason: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Logged at Metadata level: the audit policy recorded no object.
    case metadataLevel = "metadata-level"
    /// A patch event without `responseObject`: the patch alone does not say what the object became.
    case patchWithoutResult = "patch-without-result"
    /// Request level but no object, e.g. `pods/exec` and `pods/attach` (CONNECT requests carry
    /// options in the URL, not a body).
    case noObject = "no-object"

    public var explanation: String {
        switch self {
        case .metadataLevel:
            "recorded at Metadata level (no object): raise the audit policy to Request for these resources"
        case .patchWithoutResult:
            "patch without the resulting object (needs RequestResponse level)"
        case .noObject: "no object in the event (connect requests such as exec, attach, port-forward)"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Turns an audit event into the `AdmissionRequest` the API server sent to admission webhooks,
/// so replay reaches exactly the decision the webhook would have.
public enum AuditEventRequest {
    public enum Outcome {
        /// Replay this request.
        case request(AdmissionRequest)
        /// A create/update/patch that cannot be replayed, and why.
        case skipped(ReplaySkipReason)
        /// Not an admission request of interest (get, list, watch, delete, …).
        case otherVerb
    }

    /// Converts `event`. Only create, update and patch (which the API server admits as UPDATE)
    /// reach admission with an object; for a patch the request body is the patch itself, so the
    /// patched object comes from `responseObject` (RequestResponse level).
    public static func convert(_ event: AuditEvent) -> Outcome {
        let operation: AdmissionRequest.Operation
        let object: YAMLNode?
        switch event.verb {
        case "create":
            operation = .create
            object = event.requestObject
        case "update":
            operation = .update
            object = event.requestObject
        case "patch":
            operation = .update
            object = event.responseObject
            if object == nil && !event.isMetadataOnly { return .skipped(.patchWithoutResult) }
        default: return .otherVerb
        }
        guard let object else { return .skipped(event.isMetadataOnly ? .metadataLevel : .noObject) }
        let ref = event.objectRef
        let metadata = object["metadata"]
        let kind = kind(of: object, ref: ref)
        let request = AdmissionRequest(
            uid: event.auditID, kind: kind,
            resource: .init(group: ref.apiGroup, version: ref.apiVersion, name: ref.resource),
            subResource: ref.subresource, operation: operation,
            namespace: nonEmpty(ref.namespace) ?? metadata?["namespace"]?.string ?? "",
            name: nonEmpty(ref.name) ?? metadata?["name"]?.string ?? "", userInfo: event.effectiveUser,
            object: object, dryRun: isDryRun(event.requestURI))
        return .request(request)
    }

    /// Group/version/kind from the object's own `apiVersion`/`kind`, which the API server always
    /// writes for create and update bodies; `objectRef` fills in what is missing.
    static func kind(of object: YAMLNode, ref: AuditEvent.ObjectRef) -> AdmissionRequest.GroupVersionName {
        var group = ref.apiGroup
        var version = ref.apiVersion
        if let apiVersion = object["apiVersion"]?.string, !apiVersion.isEmpty {
            if let slash = apiVersion.firstIndex(of: "/") {
                group = String(apiVersion[..<slash])
                version = String(apiVersion[apiVersion.index(after: slash)...])
            } else {
                group = ""
                version = apiVersion
            }
        }
        let name = object["kind"]?.string ?? ""
        return .init(group: group, version: version, name: name)
    }

    /// `dryRun=All` in the request URI's query (`kubectl apply --dry-run=server`).
    static func isDryRun(_ uri: String) -> Bool {
        guard let q = uri.utf8.firstIndex(of: UInt8(ascii: "?")) else { return false }
        let query = uri[uri.index(after: q)...]
        return query.split(separator: "&").contains { $0 == "dryRun=All" }
    }

    private static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
