import PalisadeFormats

/// Writes profiles for the places they are loaded: Docker/OCI JSON (`docker run --security-opt
/// seccomp=FILE`, the kubelet's `Localhost` directory), a Security Profiles Operator object, and the
/// `securityContext` snippet that points a pod at a `Localhost` profile.
public enum SeccompProfileWriter {
    /// Docker/OCI JSON, two-space indented, one syscall name per line so diffs stay readable.
    public static func dockerJSON(_ profile: SeccompProfile) -> String {
        var out = "{\n"
        var fields: [String] = []
        fields.append("  \"defaultAction\": \(JSONWriter.quoted(profile.defaultAction.rawValue))")
        if let errno = profile.defaultErrnoRet { fields.append("  \"defaultErrnoRet\": \(errno)") }
        if !profile.architectures.isEmpty {
            fields.append("  \"architectures\": " + stringList(profile.architectures, indent: "  "))
        }
        if !profile.archMap.isEmpty {
            let entries = profile.archMap.map { entry in
                "    {\n      \"architecture\": \(JSONWriter.quoted(entry.architecture)),\n"
                    + "      \"subArchitectures\": \(stringList(entry.subArchitectures, indent: "      "))\n    }"
            }
            fields.append("  \"archMap\": [\n" + entries.joined(separator: ",\n") + "\n  ]")
        }
        if !profile.flags.isEmpty { fields.append("  \"flags\": " + stringList(profile.flags, indent: "  ")) }
        if let listener = profile.listenerPath { fields.append("  \"listenerPath\": \(JSONWriter.quoted(listener))") }
        let rules = profile.syscalls.map { rule(json: $0) }
        fields.append("  \"syscalls\": [" + (rules.isEmpty ? "]" : "\n" + rules.joined(separator: ",\n") + "\n  ]"))
        out += fields.joined(separator: ",\n")
        out += "\n}\n"
        return out
    }

    private static func rule(json rule: SyscallRule) -> String {
        var fields: [String] = []
        fields.append("      \"names\": " + stringList(rule.names, indent: "      "))
        fields.append("      \"action\": \(JSONWriter.quoted(rule.action.rawValue))")
        if let errno = rule.errnoRet { fields.append("      \"errnoRet\": \(errno)") }
        if !rule.args.isEmpty {
            let args = rule.args.map {
                "        {\"index\": \($0.index), \"value\": \($0.value), \"valueTwo\": \($0.valueTwo), "
                    + "\"op\": \(JSONWriter.quoted($0.op.rawValue))}"
            }
            fields.append("      \"args\": [\n" + args.joined(separator: ",\n") + "\n      ]")
        }
        if let comment = rule.comment { fields.append("      \"comment\": \(JSONWriter.quoted(comment))") }
        if let includes = rule.includes { fields.append("      \"includes\": " + filter(json: includes)) }
        if let excludes = rule.excludes { fields.append("      \"excludes\": " + filter(json: excludes)) }
        return "    {\n" + fields.joined(separator: ",\n") + "\n    }"
    }

    private static func filter(json filter: RuleFilter) -> String {
        var parts: [String] = []
        if !filter.caps.isEmpty { parts.append("\"caps\": " + inlineList(filter.caps)) }
        if !filter.arches.isEmpty { parts.append("\"arches\": " + inlineList(filter.arches)) }
        if let kernel = filter.minKernel { parts.append("\"minKernel\": \(JSONWriter.quoted(kernel))") }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    private static func stringList(_ items: [String], indent: String) -> String {
        guard !items.isEmpty else { return "[]" }
        return "[\n" + items.map { "\(indent)  \(JSONWriter.quoted($0))" }.joined(separator: ",\n") + "\n\(indent)]"
    }

    private static func inlineList(_ items: [String]) -> String {
        "[" + items.map { JSONWriter.quoted($0) }.joined(separator: ", ") + "]"
    }

    /// A Security Profiles Operator `SeccompProfile` (`security-profiles-operator.x-k8s.io/v1beta1`).
    /// SPO has no `defaultErrnoRet`; runc and crun return EPERM for `SCMP_ACT_ERRNO` without one,
    /// which is this tool's default, so nothing is lost.
    public static func securityProfilesOperator(
        _ profile: SeccompProfile, name: String, namespace: String?
    ) -> String {
        var out = "apiVersion: security-profiles-operator.x-k8s.io/v1beta1\nkind: SeccompProfile\nmetadata:\n"
        out += "  name: \(yamlScalar(name))\n"
        if let namespace { out += "  namespace: \(yamlScalar(namespace))\n" }
        out += "spec:\n  defaultAction: \(profile.defaultAction.rawValue)\n"
        let arches = profile.allArchitectures
        if !arches.isEmpty {
            out += "  architectures:\n" + arches.map { "    - \($0)\n" }.joined()
        }
        if !profile.flags.isEmpty { out += "  flags:\n" + profile.flags.map { "    - \($0)\n" }.joined() }
        if !profile.syscalls.isEmpty { out += "  syscalls:\n" }
        for rule in profile.syscalls {
            out += "    - action: \(rule.action.rawValue)\n"
            if let errno = rule.errnoRet { out += "      errnoRet: \(errno)\n" }
            out += "      names:\n" + rule.names.map { "        - \($0)\n" }.joined()
            if !rule.args.isEmpty {
                out += "      args:\n"
                for arg in rule.args {
                    out += "        - index: \(arg.index)\n          value: \(arg.value)\n"
                    if arg.valueTwo != 0 { out += "          valueTwo: \(arg.valueTwo)\n" }
                    out += "          op: \(arg.op.rawValue)\n"
                }
            }
        }
        return out
    }

    /// The pod or container `securityContext` that loads `localhostProfile` (a path relative to the
    /// kubelet's seccomp directory, `/var/lib/kubelet/seccomp`).
    public static func localhostSnippet(localhostProfile: String) -> String {
        """
        # Copy the profile to /var/lib/kubelet/seccomp/\(localhostProfile) on every node
        # (or install it with the Security Profiles Operator), then set:
        securityContext:
          seccompProfile:
            type: Localhost
            localhostProfile: \(yamlScalar(localhostProfile))

        """
    }

    private static func yamlScalar(_ text: String) -> String {
        let safe = text.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D
                || c == 0x2E || c == 0x2F || c == 0x5F
        }
        return safe && !text.isEmpty ? text : JSONWriter.quoted(text)
    }
}
