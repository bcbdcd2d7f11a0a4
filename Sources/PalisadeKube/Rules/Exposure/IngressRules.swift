import PalisadeCore
import PalisadeFormats

/// The host rules of an Ingress and the hosts its TLS section covers.
struct IngressView: Sendable {
    let name: String
    let spec: YAMLNode
    /// Each `spec.rules[].host` node that has a host.
    let hosts: [(node: YAMLNode, host: String)]
    let tls: YAMLNode?
    let tlsHosts: [String]

    init?(_ object: KubeObject) {
        guard let spec = object.spec, spec.isMapping else { return nil }
        name = object.name
        self.spec = spec
        var hosts: [(YAMLNode, String)] = []
        for rule in spec["rules"]?.list ?? [] {
            if let node = rule["host"], let host = node.string, !host.isEmpty { hosts.append((node, host)) }
        }
        self.hosts = hosts
        tls = spec["tls"]
        tlsHosts = (spec["tls"]?.list ?? []).flatMap { ($0["hosts"]?.list ?? []).compactMap(\.string) }
    }

    var hasTLS: Bool { !(tls?.list.isEmpty ?? true) }

    /// Whether a TLS host entry covers `host`; `*.example.com` covers exactly one extra label.
    func tlsCovers(_ host: String) -> Bool {
        tlsHosts.contains { Self.matches(pattern: $0, host: host) }
    }

    static func matches(pattern: String, host: String) -> Bool {
        if pattern == host { return true }
        guard pattern.hasPrefix("*."), let dot = host.firstIndex(of: ".") else { return false }
        return host[dot...] == pattern.dropFirst()
    }
}

/// Ingress hosts served without TLS: credentials and session cookies cross the network in clear.
struct IngressWithoutTLS: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-NET-INGRESS-NO-TLS",
        title: "Ingress serves hosts without TLS",
        severity: .medium,
        category: ExposureReferences.category,
        why:
            "Without a tls entry for a host, the Ingress controller serves it over plain HTTP: passwords, tokens "
            + "and session cookies can be read and altered by anyone on the network path.",
        remediation:
            "Add spec.tls with a certificate Secret (for example issued by cert-manager) listing every host of "
            + "spec.rules, and redirect HTTP to HTTPS.",
        frameworks: FrameworkMappings(nsa: [ExposureReferences.nsaNetwork], mitre: ["T1557", "T1040"]),
        references: [ExposureReferences.ingress + "#tls"])

    func applies(to object: KubeObject) -> Bool { ExposureReferences.isIngress(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let ingress = IngressView(object) else { return [] }
        let label = "Ingress \"\(ingress.name)\""
        if !ingress.hasTLS {
            let hosts = ingress.hosts.map(\.host)
            let what = hosts.isEmpty ? "all hosts" : "host(s) " + hosts.joined(separator: ", ")
            return [
                Violation(
                    "\(label) has no tls section: \(what) served over plain HTTP", missing: "tls", under: ingress.spec)
            ]
        }
        return ingress.hosts.filter { !ingress.tlsCovers($0.host) }.map {
            Violation(
                "\(label) host \($0.host) is not listed in any tls.hosts entry: served over plain HTTP", at: $0.node)
        }
    }
}

/// A wildcard host routes every matching subdomain, including ones nobody meant to publish.
struct IngressWildcardHost: ObjectRule {
    let metadata = RuleMetadata(
        id: "K8S-NET-INGRESS-WILDCARD-HOST",
        title: "Ingress uses a wildcard host",
        severity: .low,
        category: ExposureReferences.category,
        why:
            "A host such as *.example.com sends every subdomain to the backend, so forgotten or attacker-chosen "
            + "names (phishing look-alikes, takeover of dangling DNS records) reach the application, and a "
            + "wildcard certificate is shared across them.",
        remediation: "List the exact host names the application serves in spec.rules[].host.",
        frameworks: FrameworkMappings(nsa: [ExposureReferences.nsaNetwork], mitre: ["T1190"]),
        references: [ExposureReferences.ingress + "#hostname-wildcards"])

    func applies(to object: KubeObject) -> Bool { ExposureReferences.isIngress(object) }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let ingress = IngressView(object) else { return [] }
        return ingress.hosts.filter { $0.host.hasPrefix("*") }.map {
            Violation("Ingress \"\(ingress.name)\" routes wildcard host \($0.host)", at: $0.node)
        }
    }
}
