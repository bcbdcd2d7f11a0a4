import PalisadeFormats

/// Remembers recent decisions by everything a decision depends on, because audit logs repeat
/// themselves: a ReplicaSet controller creating 300 replicas sends 300 identical Pod bodies
/// (`generateName`, no name yet), and every one would otherwise pay for a full rule evaluation.
///
/// The key is the request's identity fields plus the object as compact JSON, so only requests the
/// controller cannot tell apart share a decision. Namespace requests are never memoized and clear
/// the memo, since the controller learns Pod Security labels from them. Bounded: the oldest entry
/// goes first past `capacity` (2048 bodies of a few kB: ~10 MB).
struct ReplayDecisionMemo {
    let capacity: Int
    private var entries: [String: AdmissionDecision] = [:]
    private var order: [String] = []
    private var head = 0
    private(set) var hits = 0

    init(capacity: Int = 2048) {
        self.capacity = max(1, capacity)
    }

    /// The decision for `request`, from the memo or from `decide`.
    mutating func decision(
        for request: AdmissionRequest, _ decide: (AdmissionRequest) -> AdmissionDecision
    ) -> AdmissionDecision {
        guard let object = request.object, request.kind.name != "Namespace",
            object["kind"]?.string != "Namespace"
        else {
            entries.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            head = 0
            return decide(request)
        }
        let key = Self.key(request, object)
        if let known = entries[key] {
            hits += 1
            return known
        }
        let decision = decide(request)
        entries[key] = decision
        if order.count < capacity {
            order.append(key)
        } else {
            entries[order[head]] = nil
            order[head] = key
            head = (head + 1) % capacity
        }
        return decision
    }

    /// Every request field a decision reads (not the uid, which it only echoes), then the object.
    static func key(_ r: AdmissionRequest, _ object: YAMLNode) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        let fields = [
            r.kind.group, r.kind.version, r.kind.name, r.resource.group, r.resource.version, r.resource.name,
            r.subResource, r.operation.rawValue, r.namespace, r.name, r.userInfo.username,
            r.userInfo.groups.joined(separator: ","), r.dryRun ? "dry" : "",
        ]
        for field in fields {
            JSONWriter.appendString(field, to: &out)
            out.append(0x1F)
        }
        JSONWriter.appendNode(object, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
