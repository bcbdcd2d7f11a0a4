import Foundation
import PalisadeCore
import PalisadeFormats
import PalisadeKube
import Testing

/// Builds reachability models from inline YAML and fixture files, and names endpoints by `ns/name`.
struct NetworkFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/netpol")

    let reachability: NetworkReachability

    init(_ yaml: String = "", files: [String] = []) {
        let loader = KubeObjectLoader()
        var loaded = loader.load(files.map { .file(Self.root.appendingPathComponent($0).path) })
        if !yaml.isEmpty {
            loader.load(SourceBuffer(name: "inline.yaml", copying: Array(yaml.utf8)), into: &loaded)
        }
        precondition(loaded.errors.isEmpty, "fixture errors: \(loaded.errors)")
        reachability = NetworkReachability(model: NetworkModel(objects: loaded.objects))
    }

    var model: NetworkModel { reachability.model }

    /// `ns/name` of an endpoint, or an IP address.
    func address(_ name: String) -> NetworkAddress {
        if let ip = IPAddress(name) { return .external(ip) }
        guard let i = model.endpoints.firstIndex(where: { $0.shortName == name }) else {
            preconditionFailure("no endpoint \(name)")
        }
        return .endpoint(i)
    }

    func decide(_ from: String, _ to: String, _ port: Int, _ proto: NetworkProtocol = .tcp) -> NetworkDecision {
        reachability.decide(from: address(from), to: address(to), port: port, protocol: proto)
    }

    func allowed(_ from: String, _ to: String, _ port: Int, _ proto: NetworkProtocol = .tcp) -> Bool {
        decide(from, to, port, proto).allowed
    }

    func findings() -> [Finding] { reachability.findings() }
}

/// A pod manifest in `namespace` with `labels`, optional container ports and pod IP.
func netPod(
    _ name: String, ns: String = "default", labels: [String: String] = [:], ports: [String] = [], ip: String? = nil
) -> String {
    let labelText =
        labels.isEmpty
        ? "{}"
        : "{"
            + labels.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            .joined(separator: ", ") + "}"
    var text = """
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: \(ns), labels: \(labelText)}
        spec:
          containers:
          - name: main
            image: example/app:1
            ports: [\(ports.joined(separator: ", "))]

        """
    if let ip { text += "status: {podIP: \"\(ip)\"}\n" }
    return text
}

/// A Namespace manifest with labels.
func netNamespace(_ name: String, labels: [String: String] = [:]) -> String {
    let labelText = labels.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    return "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: \(name), labels: {\(labelText)}}\n"
}

/// A NetworkPolicy manifest with `spec` given as YAML (indented by the caller's literal).
func netPolicy(_ name: String, ns: String = "default", spec: String) -> String {
    "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: \(name), namespace: \(ns)}\nspec:\n"
        + spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        + "\n"
}
