import Foundation
import PalisadeCore
import PalisadeFormats

/// Namespace labels for requests that do not carry their Namespace (the API server does not send
/// it to webhooks): loaded from Namespace manifests named in the policy, and kept current from the
/// Namespace CREATE/UPDATE requests the webhook itself admits (never from dry runs).
public final class NamespaceLabelCache: @unchecked Sendable {
    private let lock = NSLock()
    private var labels: [String: [String: String]] = [:]

    public init() {}

    public func labels(of namespace: String) -> [String: String]? {
        lock.lock()
        defer { lock.unlock() }
        return labels[namespace]
    }

    public func update(namespace: String, labels newLabels: [String: String]) {
        lock.lock()
        labels[namespace] = newLabels
        lock.unlock()
    }

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return labels.count
    }

    /// Reads every Namespace in a YAML or JSON file (a `kubectl get namespaces -o yaml` list too).
    public func load(path: String) throws(InputError) {
        let buffer = try SourceBuffer.read(path: path, maxBytes: 256 << 20)
        let parser = YAMLStreamParser(bytes: buffer.bytes, file: path)
        while let doc = try parser.next() {
            add(doc.root)
        }
    }

    private func add(_ node: YAMLNode) {
        if let items = node["items"]?.items, node["kind"]?.string?.hasSuffix("List") == true {
            for item in items { add(item) }
            return
        }
        guard node["kind"]?.string == "Namespace", let name = node["metadata"]?["name"]?.string else { return }
        update(namespace: name, labels: node["metadata"]?["labels"]?.stringMap ?? [:])
    }
}
