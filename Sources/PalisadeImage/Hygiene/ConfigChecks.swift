import PalisadeCore

/// Rules over `ImageConfig` alone (plus /etc/passwd to resolve a USER name).
struct ConfigChecks {
    let facts: ImageFacts
    let locate: FindingLocator
    let passwd: AccountFile?

    func run() -> [Finding] {
        var out: [Finding] = []
        out += userRoot()
        out += healthcheck()
        out += sshPort()
        out += sensitiveVolumes()
        out += environmentCredentials()
        out += latestTag()
        out += baseImageLabel()
        return out
    }

    func userRoot() -> [Finding] {
        let raw = String(Substring(facts.config.user ?? "").trimmingSpaces)
        let user = String(raw.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        let message: String
        if user.isEmpty {
            message = "The image sets no USER, so its containers run as root (UID 0)."
        } else if let uid = Int(user) {
            guard uid == 0 else { return [] }
            message = "USER is \"\(raw)\": UID 0, root."
        } else if user == "root" {
            message = "USER is \"\(raw)\": root."
        } else if let uid = passwd?.uid(ofUser: user), uid == 0 {
            message = "USER \"\(raw)\" has UID 0 in /etc/passwd: it is root under another name."
        } else {
            return []
        }
        return [
            Finding(
                rule: ImageHygieneRules.userRoot, message: message, object: nil, location: locate.config("config.User"))
        ]
    }

    func healthcheck() -> [Finding] {
        let message: String
        if let check = facts.config.healthcheck {
            guard check.isDisabled else { return [] }
            message = "HEALTHCHECK is disabled (NONE): nothing tells the runtime whether the service is healthy."
        } else {
            message = "The image has no HEALTHCHECK instruction."
        }
        let rule = ImageHygieneRules.noHealthcheck
        return [Finding(rule: rule, message: message, object: nil, location: locate.config("config.Healthcheck"))]
    }

    func sshPort() -> [Finding] {
        facts.config.exposedPorts.filter { $0 == "22" || $0 == "22/tcp" }.map { port in
            Finding(
                rule: ImageHygieneRules.sshPort, message: "The image exposes port \(port), the SSH port.", object: nil,
                location: locate.config("config.ExposedPorts[\"\(port)\"]"))
        }
    }

    static let sensitiveVolumes: Set<String> = [
        "/", "/proc", "/sys", "/dev", "/etc", "/boot", "/root", "/lib/modules", "/usr", "/var/lib/docker",
        "/var/lib/kubelet", "/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd", "/run/containerd",
        "/var/run/crio", "/run/crio",
    ]

    func sensitiveVolumes() -> [Finding] {
        facts.config.volumes.compactMap { volume in
            var normalised = volume
            while normalised.count > 1 && normalised.hasSuffix("/") { normalised.removeLast() }
            guard Self.sensitiveVolumes.contains(normalised) else { return nil }
            return Finding(
                rule: ImageHygieneRules.sensitiveVolume,
                message: "The image declares VOLUME \(volume), a host path that must not be mounted into a container.",
                object: nil, location: locate.config("config.Volumes[\"\(volume)\"]"))
        }
    }

    func environmentCredentials() -> [Finding] {
        var out: [Finding] = []
        for (i, entry) in facts.config.env.enumerated() {
            guard let eq = entry.firstIndex(of: "=") else { continue }
            let name = String(entry[..<eq])
            let value = String(entry[entry.index(after: eq)...])
            guard CredentialEnvironmentName.isCredentialName(name), CredentialEnvironmentName.isLiteralValue(value)
            else { continue }
            out.append(
                Finding(
                    rule: ImageHygieneRules.envCredential,
                    message:
                        "ENV \(name) holds a literal value in the image config, readable by anyone who can pull it.",
                    object: nil, location: locate.config("config.Env[\(i)]"),
                    evidence: "\(name)=\(CredentialEnvironmentName.redacted(value))"))
        }
        return out
    }

    func latestTag() -> [Finding] {
        guard ImageReferenceTag.pinning(of: facts.reference) == .latest else { return [] }
        return [
            Finding(
                rule: ImageHygieneRules.latestTag, message: "The image is referenced as \(facts.reference).",
                object: nil, location: locate.config("reference"))
        ]
    }

    static let baseNameLabel = "org.opencontainers.image.base.name"
    static let baseDigestLabel = "org.opencontainers.image.base.digest"

    func baseImageLabel() -> [Finding] {
        let labels = facts.config.labels
        guard let base = labels.first(where: { $0.key == Self.baseNameLabel })?.value, !base.isEmpty else { return [] }
        if labels.contains(where: { $0.key == Self.baseDigestLabel && !$0.value.isEmpty }) { return [] }
        let reason: String
        switch ImageReferenceTag.pinning(of: base) {
        case .digest, .tag: return []
        case .latest: reason = "uses the latest tag"
        case .untagged: reason = "has no tag (so latest)"
        }
        return [
            Finding(
                rule: ImageHygieneRules.baseLatest,
                message: "The base image \(base) \(reason) and no base digest is recorded.", object: nil,
                location: locate.config("config.Labels[\"\(Self.baseNameLabel)\"]"))
        ]
    }
}
