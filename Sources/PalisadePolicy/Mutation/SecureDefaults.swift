import Foundation
import PalisadeFormats
import PalisadeKube

/// The mutating webhook's JSONPatch: secure defaults for security-context fields the author left
/// unset. A field that is set, to anything, is never changed (the validating side judges it), so
/// applying the patch and asking again yields no operations: re-invocation is idempotent.
public enum SecureDefaults {
    static let seccomp = "K8S-PSS-SECCOMP-RESTRICTED"
    static let podSeccomp = "K8S-WL-NO-POD-SECCOMP"
    static let privilegeEscalation = "K8S-PSS-PRIVILEGE-ESCALATION"
    static let capabilities = "K8S-PSS-CAPABILITIES-RESTRICTED"
    static let runAsNonRoot = "K8S-PSS-RUN-AS-NON-ROOT"

    /// Rules that can be given `mutate: true`.
    public static let supportedRules: Set<String> = [
        seccomp, podSeccomp, privilegeEscalation, capabilities, runAsNonRoot,
    ]

    /// The operations that set the defaults of `rules` in a workload object (Pod or controller,
    /// whose pod template is patched). Empty for other kinds.
    public static func patch(_ object: YAMLNode, rules: Set<String>) -> [AdmissionDecision.PatchOperation] {
        guard !rules.isEmpty, let (templatePath, template) = PodSpecView.template(of: object),
            let spec = template["spec"], spec.isMapping
        else { return [] }
        // Seccomp, capabilities and privilege escalation do not exist on Windows nodes.
        if spec["os"]?["name"]?.string == "windows" { return [] }
        let specPointer = (templatePath + ["spec"]).map(pointerToken).map { "/" + $0 }.joined()
        var ops: [AdmissionDecision.PatchOperation] = []

        // Pod-level fields, gathered so a missing securityContext is added once.
        let podContext = spec["securityContext"].flatMap { $0.isMapping ? $0 : nil }
        var podFields: [(key: String, json: String, rule: String)] = []
        if rules.contains(seccomp) || rules.contains(podSeccomp), podContext?["seccompProfile"] == nil {
            let rule = rules.contains(seccomp) ? seccomp : podSeccomp
            podFields.append(("seccompProfile", #"{"type":"RuntimeDefault"}"#, rule))
        }
        if rules.contains(runAsNonRoot), podContext?["runAsNonRoot"] == nil,
            !anyContainer(spec, where: { $0["runAsNonRoot"] != nil || $0["runAsUser"]?.int == 0 }),
            podContext?["runAsUser"]?.int != 0
        {
            podFields.append(("runAsNonRoot", "true", runAsNonRoot))
        }
        ops += fieldOperations(
            parent: specPointer, contextNode: spec["securityContext"], fields: podFields)

        // Container-level fields.
        for list in ["initContainers", "containers", "ephemeralContainers"] {
            guard let items = spec[list]?.items else { continue }
            for (i, container) in items.enumerated() where container.isMapping {
                let context = container["securityContext"].flatMap { $0.isMapping ? $0 : nil }
                let pointer = "\(specPointer)/\(list)/\(i)"
                var fields: [(key: String, json: String, rule: String)] = []
                let privileged = context?["privileged"]?.bool == true
                let addsSysAdmin =
                    context?["capabilities"]?["add"]?.list.contains {
                        $0.string?.uppercased().hasSuffix("SYS_ADMIN") == true
                    }
                    ?? false
                // The API rejects allowPrivilegeEscalation: false next to privileged or CAP_SYS_ADMIN.
                if rules.contains(privilegeEscalation), context?["allowPrivilegeEscalation"] == nil, !privileged,
                    !addsSysAdmin
                {
                    fields.append(("allowPrivilegeEscalation", "false", privilegeEscalation))
                }
                if rules.contains(capabilities), context?["capabilities"]?["drop"] == nil {
                    if let caps = context?["capabilities"], caps.isMapping {
                        ops.append(
                            .init(
                                path: "\(pointer)/securityContext/capabilities/drop", valueJSON: #"["ALL"]"#,
                                rule: capabilities))
                    } else {
                        fields.append(("capabilities", #"{"drop":["ALL"]}"#, capabilities))
                    }
                }
                ops += fieldOperations(parent: pointer, contextNode: container["securityContext"], fields: fields)
            }
        }
        return ops
    }

    /// `add` operations for `fields` of a `securityContext` under `parent`: one operation creating
    /// the whole mapping when it is missing (or null), otherwise one per field.
    static func fieldOperations(
        parent: String, contextNode: YAMLNode?, fields: [(key: String, json: String, rule: String)]
    ) -> [AdmissionDecision.PatchOperation] {
        guard !fields.isEmpty else { return [] }
        if let contextNode, contextNode.isMapping {
            return fields.map {
                .init(path: "\(parent)/securityContext/\(pointerToken($0.key))", valueJSON: $0.json, rule: $0.rule)
            }
        }
        let body = fields.map { "\(JSONWriter.quoted($0.key)):\($0.json)" }.joined(separator: ",")
        // One operation sets several rules' fields; it is attributed to the first.
        return [.init(path: "\(parent)/securityContext", valueJSON: "{\(body)}", rule: fields[0].rule)]
    }

    static func anyContainer(_ spec: YAMLNode, where test: (YAMLNode) -> Bool) -> Bool {
        for list in ["initContainers", "containers", "ephemeralContainers"] {
            for c in spec[list]?.list ?? [] {
                if let ctx = c["securityContext"], ctx.isMapping, test(ctx) { return true }
            }
        }
        return false
    }

    /// Escapes a JSON Pointer reference token (RFC 6901).
    static func pointerToken(_ key: String) -> String {
        guard key.contains("~") || key.contains("/") else { return key }
        return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
