import PalisadeCore
import PalisadeFormats
import PalisadeKube

/// Reads a policy document and checks every field, so a typo is one clear `FILE:LINE:COL` error at
/// start-up rather than a rule silently not enforced in the cluster.
struct AdmissionPolicyParser {
    let file: String

    /// Rules whose fields the mutating webhook can set to a secure default.
    static let mutableRules: Set<String> = SecureDefaults.supportedRules

    func parse(_ bytes: [UInt8]) throws(InputError) -> AdmissionPolicy {
        let file = self.file
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(InputError) -> YAMLNode in
                let parser = YAMLStreamParser(bytes: raw, file: file)
                guard let doc = try parser.next() else { throw InputError(file: file, reason: "the policy is empty") }
                if try parser.next() != nil {
                    throw InputError(file: file, reason: "the policy file holds more than one YAML document")
                }
                return doc.root
            }
        }
        let root = try result.get()
        guard root.isMapping else { throw fail(root, "the policy must be a mapping (see docs/admission.md)") }
        try allowKeys(
            root, "the policy",
            [
                "apiVersion", "kind", "failurePolicy", "timeoutSeconds", "podSecurity", "rules", "registries",
                "exemptions", "namespaces", "allowMetadataOnlyUpdates",
            ])
        if let v = root["apiVersion"], v.string != "palisade.dev/v1" {
            throw fail(v, "apiVersion must be palisade.dev/v1")
        }
        if let k = root["kind"], k.string != "AdmissionPolicy" { throw fail(k, "kind must be AdmissionPolicy") }

        var policy = AdmissionPolicy()
        if let n = root["failurePolicy"] {
            guard let v = n.string.flatMap(AdmissionPolicy.FailurePolicy.init(rawValue:)) else {
                throw fail(n, "failurePolicy must be Ignore or Fail")
            }
            policy.failurePolicy = v
        }
        if let n = root["timeoutSeconds"] {
            guard let s = n.string, let v = Double(s), v > 0, v <= 30 else {
                throw fail(n, "timeoutSeconds must be a number of seconds between 0 and 30 (the API server's limit)")
            }
            policy.timeoutSeconds = v
        }
        if let n = root["podSecurity"] { policy.podSecurity = try podSecurity(n) }
        if let n = root["rules"] {
            guard let items = n.items else { throw fail(n, "rules must be a list") }
            policy.rules = try items.enumerated().map { (i, item) throws(InputError) in try rule(item, index: i) }
        }
        if let n = root["registries"] {
            try allowKeys(n, "registries", ["allow", "action"])
            policy.allowedRegistries = try strings(n["allow"], "registries.allow")
            if let a = n["action"] {
                guard let action = try self.action(a, "registries.action") else {
                    throw fail(a, "registries.action must be enforce, warn or audit (remove allow to turn it off)")
                }
                policy.registryAction = action
            }
        }
        if let n = root["exemptions"] { policy.exemptions = try exemptions(n) }
        if let n = root["namespaces"] {
            try allowKeys(n, "namespaces", ["file"])
            policy.namespacesFile = n["file"]?.string
        }
        if let n = root["allowMetadataOnlyUpdates"] {
            guard let b = n.bool else { throw fail(n, "allowMetadataOnlyUpdates must be true or false") }
            policy.allowMetadataOnlyUpdates = b
        }
        return policy
    }

    private func podSecurity(_ n: YAMLNode) throws(InputError) -> PodSecurityModes {
        try allowKeys(
            n, "podSecurity", ["enforce", "enforceVersion", "warn", "warnVersion", "audit", "auditVersion"])
        var modes = PodSecurityModes()
        func mode(_ name: String) throws(InputError) -> PodSecurityModes.Mode {
            var m = PodSecurityModes.Mode(level: .privileged)
            if let l = n[name] {
                guard let level = l.string.flatMap(PodSecurityLevel.init(rawValue:)) else {
                    throw fail(l, "podSecurity.\(name) must be privileged, baseline or restricted")
                }
                m.level = level
            }
            if let v = n[name + "Version"] {
                guard let version = v.string.flatMap(PodSecurityVersion.init) else {
                    throw fail(
                        v, "podSecurity.\(name)Version must be v1.0 … v1.\(PodSecurityVersion.newestMinor) or latest")
                }
                m.version = version
            }
            return m
        }
        modes.enforce = try mode("enforce")
        modes.warn = try mode("warn")
        modes.audit = try mode("audit")
        return modes
    }

    private func rule(_ n: YAMLNode, index: Int) throws(InputError) -> AdmissionPolicy.RuleEntry {
        let name = "rules[\(index)]"
        guard n.isMapping else { throw fail(n, "\(name) must be a mapping with ids and action") }
        try allowKeys(n, name, ["ids", "action", "mutate", "namespaces", "namespaceSelector", "objectSelector"])
        guard let idsNode = n["ids"] else { throw fail(n, "\(name) needs ids (rule ids or PREFIX*)") }
        let ids = try strings(idsNode, "\(name).ids")
        guard !ids.isEmpty else { throw fail(idsNode, "\(name).ids is empty") }
        let known = KubeRuleSet.builtIn.allMetadata.map(\.id)
        for id in ids {
            let pattern = id.uppercased()
            guard known.contains(where: { RuleSelection.matches(pattern, $0) }) else {
                throw fail(idsNode, "\(name).ids: no Kubernetes rule matches '\(id)' (see `palisade rules list`)")
            }
        }
        guard let actionNode = n["action"] else {
            throw fail(n, "\(name) needs an action: enforce, warn, audit or off")
        }
        let action = try self.action(actionNode, "\(name).action")
        var mutate = false
        if let m = n["mutate"] {
            guard let b = m.bool else { throw fail(m, "\(name).mutate must be true or false") }
            mutate = b
            if b {
                let matched = known.filter { k in ids.contains { RuleSelection.matches($0.uppercased(), k) } }
                guard matched.contains(where: Self.mutableRules.contains) else {
                    let list = Self.mutableRules.sorted().joined(separator: ", ")
                    throw fail(m, "\(name): none of these rules can mutate; rules with secure defaults: \(list)")
                }
            }
        }
        return AdmissionPolicy.RuleEntry(
            patterns: ids, action: action, mutate: mutate,
            namespaces: try strings(n["namespaces"], "\(name).namespaces"),
            namespaceSelector: try n["namespaceSelector"].map { (s) throws(InputError) in
                try selector(s, "\(name).namespaceSelector")
            },
            objectSelector: try n["objectSelector"].map { (s) throws(InputError) in
                try selector(s, "\(name).objectSelector")
            })
    }

    private func action(_ n: YAMLNode, _ name: String) throws(InputError) -> AdmissionDecision.Action? {
        guard let s = n.string else { throw fail(n, "\(name) must be enforce, warn, audit or off") }
        if s == "off" { return nil }
        // YAML 1.1 reads a bare `off` as a boolean; accept it as the word the user meant.
        if n.bool == false { return nil }
        guard let a = AdmissionDecision.Action(rawValue: s) else {
            throw fail(n, "\(name) must be enforce, warn, audit or off, not '\(s)'")
        }
        return a
    }

    private func exemptions(_ n: YAMLNode) throws(InputError) -> AdmissionPolicy.Exemptions {
        try allowKeys(n, "exemptions", ["namespaces", "usernames", "groups", "serviceAccounts", "runtimeClasses"])
        var e = AdmissionPolicy.Exemptions()
        e.namespaces = try strings(n["namespaces"], "exemptions.namespaces")
        e.usernames = Set(try strings(n["usernames"], "exemptions.usernames"))
        e.groups = Set(try strings(n["groups"], "exemptions.groups"))
        let accounts = try strings(n["serviceAccounts"], "exemptions.serviceAccounts")
        for a in accounts where a.split(separator: "/").count != 2 {
            throw fail(n["serviceAccounts"]!, "exemptions.serviceAccounts: '\(a)' is not NAMESPACE/NAME")
        }
        e.serviceAccounts = Set(accounts)
        e.runtimeClasses = Set(try strings(n["runtimeClasses"], "exemptions.runtimeClasses"))
        return e
    }

    private func selector(_ n: YAMLNode, _ name: String) throws(InputError) -> LabelSelector {
        try allowKeys(n, name, ["matchLabels", "matchExpressions"])
        var s = LabelSelector()
        if let m = n["matchLabels"] {
            guard let map = m.stringMap, m.pairs?.allSatisfy({ $0.value.scalar != nil }) == true else {
                throw fail(m, "\(name).matchLabels must map label keys to values")
            }
            s.matchLabels = map
        }
        if let list = n["matchExpressions"] {
            guard let items = list.items else { throw fail(list, "\(name).matchExpressions must be a list") }
            for (i, item) in items.enumerated() {
                let field = "\(name).matchExpressions[\(i)]"
                try allowKeys(item, field, ["key", "operator", "values"])
                guard let key = item["key"]?.string else { throw fail(item, "\(field) needs a key") }
                guard let op = item["operator"]?.string.flatMap(LabelSelector.Operator.init(rawValue:)) else {
                    throw fail(item, "\(field).operator must be In, NotIn, Exists or DoesNotExist")
                }
                let values = try strings(item["values"], "\(field).values")
                if (op == .in || op == .notIn) && values.isEmpty {
                    throw fail(item, "\(field): \(op.rawValue) needs values")
                }
                if (op == .exists || op == .doesNotExist) && !values.isEmpty {
                    throw fail(item, "\(field): \(op.rawValue) takes no values")
                }
                s.matchExpressions.append(LabelSelector.Requirement(key: key, op: op, values: values))
            }
        }
        return s
    }

    private func strings(_ n: YAMLNode?, _ name: String) throws(InputError) -> [String] {
        guard let n, !n.isNull else { return [] }
        if let s = n.string { return [s] }
        guard let items = n.items else { throw fail(n, "\(name) must be a list of strings") }
        var out: [String] = []
        for item in items {
            guard let s = item.string else { throw fail(item, "\(name) must be a list of strings") }
            out.append(s)
        }
        return out
    }

    private func allowKeys(_ n: YAMLNode, _ name: String, _ keys: Set<String>) throws(InputError) {
        guard let pairs = n.pairs else { throw fail(n, "\(name) must be a mapping") }
        for p in pairs where !keys.contains(p.key) {
            throw InputError(
                file: file, line: p.keyMark.line, column: p.keyMark.column,
                reason: "unknown field '\(p.key)' in \(name); expected one of: \(keys.sorted().joined(separator: ", "))"
            )
        }
    }

    private func fail(_ n: YAMLNode, _ reason: String) -> InputError {
        InputError(file: file, line: n.mark.line, column: n.mark.column, reason: reason)
    }
}
