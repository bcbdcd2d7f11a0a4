extension RBACRequest {
    /// Builds a request from command-line words the way `kubectl auth can-i` reads them:
    /// `RESOURCE[/SUBRESOURCE]`, `RESOURCE.GROUP[/SUBRESOURCE]`, or a non-resource URL starting
    /// with `/`. Without `apiGroup`, a well-known resource gets its group from `RBACResourceCatalog`
    /// (else the core group, with a note); a cluster-scoped resource drops `namespace` (the API
    /// server sees no namespace on such requests), with a note.
    public static func parse(
        verb: String, resource text: String, namespace: String?, name: String = "", apiGroup: String? = nil
    ) -> (request: RBACRequest, notes: [String]) {
        if text.hasPrefix("/") {
            var notes: [String] = []
            if namespace != nil {
                notes.append("non-resource URLs are granted only cluster-wide; -n is ignored for \(text)")
            }
            return (RBACRequest(verb: verb, nonResourceURL: text), notes)
        }
        var resource = Substring(text)
        var subresource = ""
        if let slash = resource.firstIndex(of: "/") {
            subresource = String(resource[resource.index(after: slash)...])
            resource = resource[..<slash]
        }
        var group = apiGroup
        if let dot = resource.firstIndex(of: ".") {
            if group == nil { group = String(resource[resource.index(after: dot)...]) }
            resource = resource[..<dot]
        }
        var notes: [String] = []
        let entry = RBACResourceCatalog.lookup(String(resource))
        if group == nil {
            if let entry {
                group = entry.group
            } else {
                notes.append(
                    "unknown resource \"\(resource)\": assuming the core API group (give --api-group or RESOURCE.GROUP)"
                )
            }
        }
        var scope = namespace
        if let entry, !entry.namespaced, entry.group == (group ?? ""), let ns = namespace {
            notes.append("\(resource) are cluster-scoped: -n \(ns) is ignored, only ClusterRoleBindings grant them")
            scope = nil
        }
        let request = RBACRequest(
            verb: verb, group: group ?? "", resource: String(resource), subresource: subresource, name: name,
            namespace: scope)
        return (request, notes)
    }
}
