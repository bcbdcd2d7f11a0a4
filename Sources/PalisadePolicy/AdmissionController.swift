import PalisadeCore
import PalisadeFormats
import PalisadeKube

/// Decides admission requests with a policy: the rules of `palisade k8s`, selected and given an
/// action by the policy, and Pod Security levels per namespace as Pod Security admission sets
/// them. Pure apart from the namespace label cache, and thread-safe: the server calls it from
/// every event loop, and `replay` calls it with recorded requests.
public struct AdmissionController: Sendable {
    /// What a caller wants decided.
    public enum Mode: Sendable {
        /// The validating webhook: verdicts and allow/deny.
        case validate
        /// The mutating webhook: the secure-default patch only (always allowed).
        case mutate
        /// Both, as the cluster runs them: patch first, then validate the patched object (`replay`).
        case mutateThenValidate
    }

    public let policy: AdmissionPolicy
    public let namespaces: NamespaceLabelCache
    private let selection: RuleSelection
    private let scanners: [PodSecurityVersion: KubeScanner]
    /// Each rule's short fix, computed once (a denial lists it for every violation).
    private let fixes: [String: String]
    /// For each rule id, the indices of the policy entries naming it, in policy order.
    private let entriesNaming: [String: [Int]]

    public init(policy: AdmissionPolicy, namespaces: NamespaceLabelCache = NamespaceLabelCache()) {
        self.policy = policy
        self.namespaces = namespaces
        // Run only what the policy can act on: every Pod Security rule (namespace labels may ask for
        // any level), the rules entries name, and the registry rule when there is an allow-list.
        var include = ["K8S-PSS-*"]
        for entry in policy.rules where entry.action != nil || entry.mutate { include += entry.patterns }
        if !policy.allowedRegistries.isEmpty { include.append(Self.registryRule) }
        let selection = RuleSelection(include: include)
        self.selection = selection
        var scanners: [PodSecurityVersion: KubeScanner] = [:]
        for mode in [policy.podSecurity.enforce, policy.podSecurity.warn, policy.podSecurity.audit] {
            scanners[mode.version] = Self.scanner(version: mode.version, policy: policy, selection: selection)
        }
        self.scanners = scanners
        let all = KubeRuleSet.builtIn.allMetadata
        self.fixes = Dictionary(all.map { ($0.id, Self.shortFix($0.remediation)) }, uniquingKeysWith: { a, _ in a })
        var naming: [String: [Int]] = [:]
        for rule in all {
            let indices = policy.rules.indices.filter { policy.rules[$0].names(rule.id) }
            if !indices.isEmpty { naming[rule.id] = indices }
        }
        self.entriesNaming = naming
    }

    static let registryRule = "K8S-WL-IMAGE-REGISTRY"
    /// Denial messages list this many violations; the rest are counted.
    static let maxListed = 5

    private static func scanner(version: PodSecurityVersion, policy: AdmissionPolicy, selection: RuleSelection)
        -> KubeScanner
    {
        KubeScanner(
            options: KubeScanOptions(
                context: RuleContext(podSecurityVersion: version, allowedRegistries: policy.allowedRegistries),
                selection: selection, parallelism: 1))
    }

    private func scanner(for version: PodSecurityVersion) -> KubeScanner {
        scanners[version] ?? Self.scanner(version: version, policy: policy, selection: selection)
    }

    /// Decides one request.
    public func decide(_ request: AdmissionRequest, mode: Mode = .validate) -> AdmissionDecision {
        if let reason = skipReason(request) { return AdmissionDecision(allowed: true, skippedBecause: reason) }
        guard var root = request.object else {
            return AdmissionDecision(allowed: true, skippedBecause: "the request carries no object")
        }
        let namespaceLabels = labels(for: request)
        if request.kind.name == "Namespace" || root["kind"]?.string == "Namespace", !request.dryRun,
            request.operation == .create || request.operation == .update
        {
            let name = root["metadata"]?["name"]?.string ?? request.name
            if !name.isEmpty {
                namespaces.update(namespace: name, labels: root["metadata"]?["labels"]?.stringMap ?? [:])
            }
        }
        // The labels dictionary is built only when some entry selects objects by label.
        let objectLabels =
            policy.rules.contains { $0.objectSelector != nil } ? root["metadata"]?["labels"]?.stringMap ?? [:] : [:]
        let applicable = policy.rules.map { applies($0, namespace: request.namespace, namespaceLabels, objectLabels) }

        var patch: [AdmissionDecision.PatchOperation] = []
        if mode != .validate {
            let mutable = Set(
                SecureDefaults.supportedRules.filter { rule in
                    entry(for: rule, applicable: applicable)?.mutate == true
                }
            )
            patch = SecureDefaults.patch(root, rules: mutable)
            if mode == .mutate { return AdmissionDecision(allowed: true, patch: patch) }
            if !patch.isEmpty, let patched = try? JSONPatch.apply(patch, to: root) { root = patched }
        }

        guard var object = KubeObject(root: root, file: "request") else {
            return AdmissionDecision(allowed: true, patch: patch, skippedBecause: "the object has no apiVersion/kind")
        }
        if object.namespace == nil, !request.namespace.isEmpty { object.namespace = request.namespace }
        let modes = policy.podSecurity.applying(namespaceLabels: namespaceLabels)
        var verdicts = evaluate(object, modes: modes, applicable: applicable)
        var notes: [String] = []
        if verdicts.contains(where: { $0.action == .enforce }), request.operation == .update,
            policy.allowMetadataOnlyUpdates, let old = request.oldObject, NodeEquality.equalIgnoringMetadata(old, root)
        {
            for i in verdicts.indices where verdicts[i].action == .enforce { verdicts[i].action = .warn }
            notes.append(
                "allowed because this update changes only metadata; the object already violated the rules below")
        }
        return assemble(verdicts, patch: patch, notes: notes, object: object)
    }

    /// Why a request is not checked at all, or nil.
    func skipReason(_ request: AdmissionRequest) -> String? {
        switch request.operation {
        case .delete: return "DELETE requests are not checked"
        case .connect: return "CONNECT requests (exec, attach, port-forward) are not checked"
        case .create, .update: break
        }
        // Only the object itself and ephemeral containers (which add containers to a running pod) change
        // what a pod runs; status, scale, binding and the like do not.
        if !request.subResource.isEmpty, request.subResource != "ephemeralcontainers" {
            return "subresource \(request.subResource) is not checked"
        }
        let e = policy.exemptions
        if e.usernames.contains(request.userInfo.username) { return "user \(request.userInfo.username) is exempt" }
        if let g = request.userInfo.groups.first(where: e.groups.contains) { return "group \(g) is exempt" }
        let saPrefix = "system:serviceaccount:"
        if request.userInfo.username.hasPrefix(saPrefix) {
            let parts = request.userInfo.username.dropFirst(saPrefix.count).split(separator: ":", maxSplits: 1)
            if parts.count == 2, e.serviceAccounts.contains("\(parts[0])/\(parts[1])") {
                return "service account \(parts[0])/\(parts[1]) is exempt"
            }
        }
        if !request.namespace.isEmpty, e.namespaces.contains(where: { RuleSelection.matches($0, request.namespace) }) {
            return "namespace \(request.namespace) is exempt"
        }
        if !e.runtimeClasses.isEmpty, let object = request.object,
            let rc = PodSpecView.template(of: object)?.node["spec"]?["runtimeClassName"]?.string,
            e.runtimeClasses.contains(rc)
        {
            return "runtime class \(rc) is exempt"
        }
        return nil
    }

    /// The namespace's labels: from the request's Namespace object, else the cache; always with
    /// `kubernetes.io/metadata.name`, which the API server sets on every namespace.
    func labels(for request: AdmissionRequest) -> [String: String] {
        guard !request.namespace.isEmpty else { return [:] }
        var labels =
            request.namespaceObject?["metadata"]?["labels"]?.stringMap ?? namespaces.labels(of: request.namespace)
            ?? [:]
        labels["kubernetes.io/metadata.name"] = request.namespace
        return labels
    }

    func applies(
        _ entry: AdmissionPolicy.RuleEntry, namespace: String, _ namespaceLabels: [String: String],
        _ objectLabels: [String: String]
    ) -> Bool {
        if !entry.namespaces.isEmpty, !entry.namespaces.contains(where: { RuleSelection.matches($0, namespace) }) {
            return false
        }
        if let s = entry.namespaceSelector, !s.matches(namespaceLabels) { return false }
        if let s = entry.objectSelector, !s.matches(objectLabels) { return false }
        return true
    }

    /// Runs the rules and gives each violation the action the policy takes.
    /// The last policy entry that names `rule` and applies to the request.
    func entry(for rule: String, applicable: [Bool]) -> AdmissionPolicy.RuleEntry? {
        guard let indices = entriesNaming[rule], let i = indices.last(where: { applicable[$0] }) else { return nil }
        return policy.rules[i]
    }

    func evaluate(_ object: KubeObject, modes: PodSecurityModes, applicable: [Bool])
        -> [AdmissionDecision.Verdict]
    {
        let primary = modes.enforce.version
        var byVersion: [PodSecurityVersion: [KubeScanner.RuleHit]] = [primary: scanner(for: primary).hits(object)]
        for mode in [modes.warn, modes.audit] where byVersion[mode.version] == nil && mode.level != .privileged {
            byVersion[mode.version] = scanner(for: mode.version).hits(object)
        }
        var verdicts: [AdmissionDecision.Verdict] = []
        var seen: Set<String> = []
        for (version, findings) in byVersion.sorted(by: { $0.key == primary && $1.key != primary }) {
            for f in findings {
                var action: AdmissionDecision.Action?
                var audited = false
                if version == primary {
                    let named = entry(for: f.ruleId, applicable: applicable)
                    if let named { action = named.action }
                    if f.ruleId == Self.registryRule, !policy.allowedRegistries.isEmpty, named == nil {
                        action = policy.registryAction
                    }
                }
                if let pssLevel = f.podSecurityLevel {
                    for (mode, modeAction) in [
                        (modes.enforce, AdmissionDecision.Action.enforce), (modes.warn, .warn), (modes.audit, .audit),
                    ] where mode.version == version && mode.level >= pssLevel && mode.level != .privileged {
                        action = max(action ?? modeAction, modeAction)
                        if modeAction == .audit { audited = true }
                    }
                }
                guard let action else { continue }
                let path = f.path
                // The same violation found under two policy versions is reported once, at its strongest.
                if byVersion.count > 1 {
                    let key = "\(f.ruleId)|\(path)|\(f.message)"
                    if seen.contains(key) {
                        if let i = verdicts.firstIndex(where: {
                            $0.rule == f.ruleId && $0.path == path && $0.message == f.message
                        }) {
                            if verdicts[i].action < action { verdicts[i].action = action }
                            if audited { verdicts[i].audited = true }
                        }
                        continue
                    }
                    seen.insert(key)
                }
                verdicts.append(
                    AdmissionDecision.Verdict(
                        rule: f.ruleId, action: action, message: f.message, path: path,
                        fix: fixes[f.ruleId] ?? "", audited: audited))
            }
        }
        return verdicts
    }

    /// Builds the response parts: a denial message short enough for kubectl to show in full,
    /// one warning per warned violation, and audit annotations per rule.
    func assemble(
        _ verdicts: [AdmissionDecision.Verdict], patch: [AdmissionDecision.PatchOperation], notes: [String],
        object: KubeObject
    ) -> AdmissionDecision {
        let denied = verdicts.filter { $0.action == .enforce }
        var decision = AdmissionDecision(allowed: denied.isEmpty, verdicts: verdicts, patch: patch)
        if !denied.isEmpty {
            var lines = [
                "\(object.kind) \"\(object.name)\" violates \(denied.count) enforced rule\(denied.count == 1 ? "" : "s"):"
            ]
            for v in denied.prefix(Self.maxListed) {
                lines.append("[\(v.rule)] \(v.path.isEmpty ? "" : v.path + ": ")\(v.message). Fix: \(v.fix)")
            }
            if denied.count > Self.maxListed {
                let rest = Set(denied.dropFirst(Self.maxListed).map(\.rule)).sorted().joined(separator: ", ")
                lines.append("… and \(denied.count - Self.maxListed) more (\(rest))")
            }
            decision.message = lines.joined(separator: "\n")
        }
        decision.warnings = notes
        // Read in place: iterating the verdicts would copy each one's five strings.
        verdicts.withUnsafeBufferPointer { verdicts in
            for i in verdicts.indices where verdicts[i].action == .warn {
                var w = Self.located(verdicts[i], prefix: verdicts[i].rule)
                // The API server may truncate warnings over 256 characters.
                if w.utf8.count > 250 { w = String(w.prefix(247)) + "…" }
                decision.warnings.append(w)
            }
            for i in verdicts.indices where verdicts[i].audited {
                let key = verdicts[i].rule.lowercased()
                let entry = Self.located(verdicts[i], prefix: nil)
                if let existing = decision.auditAnnotations[key] {
                    decision.auditAnnotations[key] = existing + "; " + entry
                } else {
                    decision.auditAnnotations[key] = entry
                }
            }
        }
        return decision
    }

    /// `[RULE] path: message` (or `path: message` without a prefix), built in one buffer.
    static func located(_ v: borrowing AdmissionDecision.Verdict, prefix: String?) -> String {
        var out = ""
        out.reserveCapacity((prefix?.utf8.count ?? 0) + v.path.utf8.count + v.message.utf8.count + 6)
        if let prefix {
            out += "["
            out += prefix
            out += "] "
        }
        if !v.path.isEmpty {
            out += v.path
            out += ": "
        }
        out += v.message
        return out
    }

    /// The first sentence of a rule's remediation, capped so a denial stays readable.
    static func shortFix(_ remediation: String) -> String {
        var text = Substring(remediation)
        if let dot = text.range(of: ". ") { text = text[..<dot.lowerBound] }
        if text.hasSuffix(".") { text = text.dropLast() }
        if text.count > 140 { return String(text.prefix(137)) + "…" }
        return String(text)
    }

    /// The answer when a request could not be decided in time, per `failurePolicy`.
    public func timeoutDecision() -> AdmissionDecision {
        switch policy.failurePolicy {
        case .ignore:
            return AdmissionDecision(
                allowed: true, warnings: ["palisade: not checked, the webhook was overloaded (failurePolicy Ignore)"])
        case .fail:
            return AdmissionDecision(
                allowed: false, message: "palisade: the webhook was overloaded and failurePolicy is Fail; try again")
        }
    }
}
