import PalisadeCore
import PalisadeFormats

/// Shared decisions of the secret-in-environment rules, so the value rule can stay silent where the name
/// rule already reports (one finding per variable).
enum EnvSecret {
    /// Whether a variable named `name` with literal `value` is a credential written into the manifest.
    static func isNamedLiteralSecret(name: String, value: String) -> Bool {
        switch CredentialName.classify(name) {
        case .none: return false
        case .credentialFile: return !LiteralValue.isPath(value) && LiteralValue.isRealValue(value)
        case .credential: return LiteralValue.isRealValue(value)
        }
    }

    /// Literal `env` entries of a container: (name, value node, value text).
    static func literals(_ c: ContainerView) -> [(name: String, node: YAMLNode, value: String)] {
        guard let env = c.node["env"]?.items else { return [] }
        var out: [(name: String, node: YAMLNode, value: String)] = []
        for entry in env {
            guard let name = entry["name"]?.string, let node = entry["value"], let value = node.string else {
                continue
            }
            out.append((name, node, value))
        }
        return out
    }

    static let frameworks = FrameworkMappings(
        cis: ["5.4.1"], nsa: ["Authentication and authorization: secrets"], mitre: ["T1552.001", "T1552.007"],
        nist: [.orchestrator, .image])
}

/// A credential-named environment variable with a literal value in the manifest.
struct SecretEnvLiteral: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-SECRET-ENV-LITERAL", title: "Secret written as a literal environment variable", severity: .high,
        why: "A password or token written into the manifest is stored in Git, in etcd without Secret encryption, "
            + "and shown to anyone who can read the workload (`kubectl get -o yaml`), far beyond who needs it.",
        remediation: "Move the value into a Secret (or an external secret store) and reference it with "
            + "env[].valueFrom.secretKeyRef, or better mount it as a file; rotate the exposed credential.",
        frameworks: EnvSecret.frameworks, references: [HardeningDocs.secrets])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            for (name, node, value) in EnvSecret.literals(c)
            where EnvSecret.isNamedLiteralSecret(name: name, value: value) {
                out.append(
                    Violation(
                        "env var \(name) of \(c.label) holds a literal value (redacted, \(value.count) characters)",
                        at: node))
            }
        }
        return out
    }
}

/// An environment variable whose value looks like a credential (cloud key, token, private key), whatever
/// its name. Variables already reported by `K8S-WL-SECRET-ENV-LITERAL` are skipped.
struct CredentialInEnv: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-CREDENTIAL-IN-ENV", title: "Credential value in an environment variable", severity: .high,
        why: "The value has the shape of a real credential (AWS key, GitHub/GitLab/Slack token, private key, URL "
            + "with a password): it is exposed to everyone who can read the manifest, its Git history or etcd.",
        remediation: "Revoke and rotate the credential, store the new one in a Secret or external secret store, "
            + "and reference it with valueFrom.secretKeyRef or a mounted file.",
        frameworks: EnvSecret.frameworks, references: [HardeningDocs.secrets])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            for (name, node, value) in EnvSecret.literals(c) {
                guard let kind = CredentialValue.kind(of: value),
                    !EnvSecret.isNamedLiteralSecret(name: name, value: value)
                else { continue }
                out.append(
                    Violation(
                        "env var \(name) of \(c.label) holds what looks like \(kind) (redacted, \(value.count) characters)",
                        at: node))
            }
        }
        return out
    }
}

/// A credential in a container's `command` or `args`: a known credential shape, or a credential-named flag
/// with a literal value (`--password=…`, `--token …`).
struct CredentialInArgs: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-CREDENTIAL-IN-ARGS", title: "Credential passed on the container command line", severity: .high,
        why: "Command-line arguments are stored in the manifest and visible in `ps` output and /proc/<pid>/cmdline "
            + "to anything sharing the process namespace or node, as well as to readers of the workload.",
        remediation: "Pass the credential through a mounted Secret file (or an env var from a Secret) and point "
            + "the program at it; rotate the exposed credential.",
        frameworks: EnvSecret.frameworks, references: [HardeningDocs.secrets])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            for key in Self.listKeys {
                guard let items = c.node[key]?.items else { continue }
                var i = 0
                while i < items.count {
                    defer { i += 1 }
                    guard let text = items[i].string else { continue }
                    if let kind = CredentialValue.kind(of: text) {
                        out.append(
                            Violation(
                                "\(key)[\(i)] of \(c.label) holds what looks like \(kind) (redacted, \(text.count) characters)",
                                at: items[i]))
                        continue
                    }
                    guard let flag = Self.flagName(text) else { continue }
                    if let eq = Self.equalsSign(text) {
                        let value = String(text[text.index(after: eq)...])
                        if EnvSecret.isNamedLiteralSecret(name: flag, value: value) {
                            out.append(
                                Violation(
                                    "\(key)[\(i)] of \(c.label) passes flag --\(flag) a literal value (redacted, \(value.count) characters)",
                                    at: items[i]))
                        }
                    } else if i + 1 < items.count, let value = items[i + 1].string, !value.hasPrefix("-"),
                        EnvSecret.isNamedLiteralSecret(name: flag, value: value)
                    {
                        out.append(
                            Violation(
                                "\(key)[\(i + 1)] of \(c.label) passes flag --\(flag) a literal value (redacted, \(value.count) characters)",
                                at: items[i + 1]))
                        i += 1
                    }
                }
            }
        }
        return out
    }

    private static let listKeys = ["command", "args"]

    /// Where the first `=` is: found on bytes for ASCII text, by `Character` otherwise (a combining
    /// mark after `=` makes it another character).
    static func equalsSign(_ text: String) -> String.Index? {
        let u = text.utf8
        if u.allSatisfy({ $0 < 0x80 }) { return u.firstIndex(of: UInt8(ascii: "=")) }
        return text.firstIndex(of: "=")
    }

    /// `--db-password=x` → `db-password`; `nil` for anything that is not a long flag.
    static func flagName(_ text: String) -> String? {
        let u = text.utf8
        guard u.count > 2, u.first == UInt8(ascii: "-"), u[u.index(after: u.startIndex)] == UInt8(ascii: "-") else {
            return nil
        }
        // Non-ASCII text goes by Characters (a combining mark can join a dash); ASCII by bytes.
        guard u.allSatisfy({ $0 < 0x80 }) else {
            guard text.hasPrefix("--") else { return nil }
            return String(text.dropFirst(2).prefix { $0 != "=" })
        }
        let body = u.index(u.startIndex, offsetBy: 2)
        let end = u[body...].firstIndex(of: UInt8(ascii: "=")) ?? u.endIndex
        return String(text[body..<end])
    }
}

/// A container importing a whole Secret as environment variables.
struct EnvFromSecret: WorkloadRule {
    let metadata = RuleMetadata.workloadHardening(
        id: "K8S-WL-ENVFROM-SECRET", title: "Whole Secret exposed as environment variables", severity: .low,
        why: "envFrom.secretRef copies every key of the Secret, including ones added later, into the environment, "
            + "where crash dumps, debug endpoints, child processes and logging libraries routinely leak them.",
        remediation: "Mount the Secret as a read-only volume, or reference only the keys needed with "
            + "env[].valueFrom.secretKeyRef.",
        frameworks: EnvSecret.frameworks, references: [HardeningDocs.secrets])

    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation] {
        var out: [Violation] = []
        for c in pod.containers {
            guard let list = c.node["envFrom"]?.items else { continue }
            for entry in list {
                guard let ref = entry["secretRef"], ref.isMapping else { continue }
                let name = ref["name"]?.string.map { "Secret \"\($0)\"" } ?? "a Secret"
                out.append(Violation("\(c.label) imports every key of \(name) as environment variables", at: ref))
            }
        }
        return out
    }
}
