import PalisadeFormats

/// Reads `admission.k8s.io/v1` AdmissionReview bodies and writes the responses, by hand: only the
/// fields a decision needs are read (`managedFields` is skipped without building nodes), and the
/// response is written straight into bytes.
public enum AdmissionReviewCodec {
    /// Why a body is not a usable AdmissionReview (answered with HTTP 400).
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Members no rule reads that can be most of an object's bytes: server-side apply bookkeeping and
    /// kubectl's copy of the whole previous object.
    static let skippedKeys = ["managedFields", "kubectl.kubernetes.io/last-applied-configuration"]

    /// Parses a webhook request body.
    public static func decode(_ body: UnsafeRawBufferPointer) throws(Malformed) -> AdmissionRequest {
        let root: YAMLNode
        do {
            root = try JSONTreeParser(skippingKeys: skippedKeys, maxDepth: 128).parse(body, file: "request")
        } catch {
            throw Malformed(description: "invalid JSON: \(error.description.dropFirst("request:".count + 1))")
        }
        guard root.isMapping else { throw Malformed(description: "the body is not a JSON object") }
        guard let apiVersion = root["apiVersion"]?.string else { throw Malformed(description: "missing apiVersion") }
        guard apiVersion == "admission.k8s.io/v1" else {
            throw Malformed(
                description: "unsupported apiVersion '\(apiVersion)'; set admissionReviewVersions: [v1] on the webhook")
        }
        guard root["kind"]?.string == "AdmissionReview" else {
            throw Malformed(description: "kind must be AdmissionReview")
        }
        guard let request = root["request"], request.isMapping else {
            throw Malformed(description: "missing request")
        }
        guard let uid = request["uid"]?.string, !uid.isEmpty else {
            throw Malformed(description: "missing request.uid")
        }
        guard let opText = request["operation"]?.string, let operation = AdmissionRequest.Operation(rawValue: opText)
        else {
            throw Malformed(description: "request.operation must be CREATE, UPDATE, DELETE or CONNECT")
        }
        func gv(_ node: YAMLNode?, _ nameKey: String) -> AdmissionRequest.GroupVersionName {
            AdmissionRequest.GroupVersionName(
                group: node?["group"]?.string ?? "", version: node?["version"]?.string ?? "",
                name: node?[nameKey]?.string ?? "")
        }
        let user = request["userInfo"]
        let object = request["object"].flatMap { $0.isMapping ? $0 : nil }
        let oldObject = request["oldObject"].flatMap { $0.isMapping ? $0 : nil }
        return AdmissionRequest(
            uid: uid, kind: gv(request["kind"], "kind"), resource: gv(request["resource"], "resource"),
            subResource: request["subResource"]?.string ?? "", operation: operation,
            namespace: request["namespace"]?.string ?? "", name: request["name"]?.string ?? "",
            userInfo: AdmissionRequest.UserInfo(
                username: user?["username"]?.string ?? "", groups: user?["groups"]?.list.compactMap(\.string) ?? []),
            object: object, oldObject: oldObject, dryRun: request["dryRun"]?.bool ?? false,
            namespaceObject: request["namespaceObject"].flatMap { $0.isMapping ? $0 : nil })
    }

    /// The request uid, found without parsing the whole body: the first `"uid"` member after
    /// `"request"` (the API server writes `uid` first). For answers under overload only.
    public static func quickUID(_ body: UnsafeRawBufferPointer) -> String? {
        guard let r = find(Array(#""request""#.utf8), in: body, from: 0),
            let u = find(Array(#""uid""#.utf8), in: body, from: r)
        else { return nil }
        var i = u + 5
        while i < body.count, body[i] == 0x20 || body[i] == 0x3A || body[i] == 0x0A || body[i] == 0x09 { i += 1 }
        guard i < body.count, body[i] == 0x22 else { return nil }
        let start = i + 1
        var end = start
        while end < body.count, body[end] != 0x22, body[end] != 0x5C, end - start < 128 { end += 1 }
        guard end < body.count, body[end] == 0x22 else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: body[start..<end]), as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in hay: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = from
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == needle[0] {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// The AdmissionReview response for a decision. `includePatch` is set by the mutating webhook.
    public static func encode(uid: String, decision: AdmissionDecision, includePatch: Bool) -> [UInt8] {
        // One allocation for the usual response: the fixed parts plus what the texts need, with
        // room for a few escapes.
        var capacity = 256 + (decision.message?.utf8.count ?? 0)
        for w in decision.warnings { capacity += w.utf8.count + 8 }
        for (k, v) in decision.auditAnnotations { capacity += k.utf8.count + v.utf8.count + 8 }
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        out.append(contentsOf: #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"#.utf8)
        JSONWriter.appendString(uid, to: &out)
        out.append(contentsOf: (decision.allowed ? #","allowed":true"# : #","allowed":false"#).utf8)
        if !decision.allowed {
            out.append(contentsOf: #","status":{"code":403,"reason":"Forbidden","message":"#.utf8)
            JSONWriter.appendString(decision.message ?? "denied by policy", to: &out)
            out.append(0x7D)
        }
        if !decision.warnings.isEmpty {
            out.append(contentsOf: #","warnings":["#.utf8)
            for (i, w) in decision.warnings.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSONWriter.appendString(w, to: &out)
            }
            out.append(0x5D)
        }
        if !decision.auditAnnotations.isEmpty {
            out.append(contentsOf: #","auditAnnotations":{"#.utf8)
            for (i, (k, v)) in decision.auditAnnotations.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out.append(0x2C) }
                JSONWriter.appendString(k, to: &out)
                out.append(0x3A)
                JSONWriter.appendString(v, to: &out)
            }
            out.append(0x7D)
        }
        if includePatch, !decision.patch.isEmpty {
            out.append(contentsOf: #","patchType":"JSONPatch","patch":""#.utf8)
            Base64.append(patchJSON(decision.patch), to: &out)
            out.append(0x22)
        }
        out.append(contentsOf: "}}".utf8)
        return out
    }

    /// The JSONPatch document for `ops`.
    public static func patchJSON(_ ops: [AdmissionDecision.PatchOperation]) -> [UInt8] {
        var out: [UInt8] = [0x5B]
        for (i, op) in ops.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(contentsOf: #"{"op":"#.utf8)
            JSONWriter.appendString(op.op, to: &out)
            out.append(contentsOf: #","path":"#.utf8)
            JSONWriter.appendString(op.path, to: &out)
            if op.op != "remove" {
                out.append(contentsOf: #","value":"#.utf8)
                out.append(contentsOf: op.valueJSON.utf8)
            }
            out.append(0x7D)
        }
        out.append(0x5D)
        return out
    }

    /// An AdmissionReview request body in the shape the API server sends (`uid`, `kind`,
    /// `resource`, `requestKind`, `requestResource`, `userInfo`, `object`, `oldObject`, `dryRun`,
    /// `options`): replays, benchmarks and tests send exactly what a cluster would.
    public static func encodeRequest(_ r: AdmissionRequest) -> [UInt8] {
        var out = Array(#"{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"#.utf8)
        JSONWriter.appendString(r.uid, to: &out)
        func gvn(_ key: String, _ v: AdmissionRequest.GroupVersionName, _ nameKey: String) {
            out.append(contentsOf: ",\"\(key)\":{\"group\":".utf8)
            JSONWriter.appendString(v.group, to: &out)
            out.append(contentsOf: #","version":"#.utf8)
            JSONWriter.appendString(v.version, to: &out)
            out.append(contentsOf: ",\"\(nameKey)\":".utf8)
            JSONWriter.appendString(v.name, to: &out)
            out.append(0x7D)
        }
        gvn("kind", r.kind, "kind")
        gvn("resource", r.resource, "resource")
        if !r.subResource.isEmpty {
            out.append(contentsOf: #","subResource":"#.utf8)
            JSONWriter.appendString(r.subResource, to: &out)
        }
        gvn("requestKind", r.kind, "kind")
        gvn("requestResource", r.resource, "resource")
        if !r.subResource.isEmpty {
            out.append(contentsOf: #","requestSubResource":"#.utf8)
            JSONWriter.appendString(r.subResource, to: &out)
        }
        if !r.name.isEmpty {
            out.append(contentsOf: #","name":"#.utf8)
            JSONWriter.appendString(r.name, to: &out)
        }
        if !r.namespace.isEmpty {
            out.append(contentsOf: #","namespace":"#.utf8)
            JSONWriter.appendString(r.namespace, to: &out)
        }
        out.append(contentsOf: #","operation":"#.utf8)
        JSONWriter.appendString(r.operation.rawValue, to: &out)
        out.append(contentsOf: #","userInfo":{"username":"#.utf8)
        JSONWriter.appendString(r.userInfo.username, to: &out)
        out.append(contentsOf: #","groups":["#.utf8)
        for (i, g) in r.userInfo.groups.enumerated() {
            if i > 0 { out.append(0x2C) }
            JSONWriter.appendString(g, to: &out)
        }
        out.append(contentsOf: "]}".utf8)
        out.append(contentsOf: #","object":"#.utf8)
        if let o = r.object { JSONWriter.appendNode(o, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","oldObject":"#.utf8)
        if let o = r.oldObject { JSONWriter.appendNode(o, to: &out) } else { out.append(contentsOf: "null".utf8) }
        if let ns = r.namespaceObject {
            out.append(contentsOf: #","namespaceObject":"#.utf8)
            JSONWriter.appendNode(ns, to: &out)
        }
        out.append(contentsOf: (r.dryRun ? #","dryRun":true"# : #","dryRun":false"#).utf8)
        let options: String
        switch r.operation {
        case .create:
            options =
                #"{"kind":"CreateOptions","apiVersion":"meta.k8s.io/v1","fieldManager":"kubectl-client-side-apply"}"#
        case .update: options = #"{"kind":"UpdateOptions","apiVersion":"meta.k8s.io/v1","fieldManager":"kubectl-edit"}"#
        case .delete:
            options = #"{"kind":"DeleteOptions","apiVersion":"meta.k8s.io/v1","propagationPolicy":"Background"}"#
        case .connect: options = "null"
        }
        out.append(contentsOf: #","options":"#.utf8)
        out.append(contentsOf: options.utf8)
        out.append(contentsOf: "}}".utf8)
        return out
    }

    /// A 400 body for a malformed review: a small JSON object with the reason.
    public static func errorBody(_ reason: String) -> [UInt8] {
        var out = Array(#"{"error":"#.utf8)
        JSONWriter.appendString(reason, to: &out)
        out.append(0x7D)
        return out
    }
}

/// Standard base64 (RFC 4648) for the response's `patch` field.
enum Base64 {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func append(_ data: [UInt8], to out: inout [UInt8]) {
        var i = 0
        while i + 3 <= data.count {
            let n = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2])
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(alphabet[Int(n & 63)])
            i += 3
        }
        let rest = data.count - i
        if rest == 1 {
            let n = UInt32(data[i]) << 16
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(contentsOf: [0x3D, 0x3D])
        } else if rest == 2 {
            let n = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(0x3D)
        }
    }
}
