import PalisadeFormats

/// A Secret manifest as the secret rules read it: its type and the values written into `data` (base64) and
/// `stringData` (plain text). Built per rule evaluation; only Secrets reach it.
struct SecretView {
    /// Where a value is written.
    enum Section: String {
        case data
        case stringData
    }

    /// One key of `data` or `stringData`.
    struct Entry {
        var section: Section
        var key: String
        var node: YAMLNode
        /// The value as written (base64 text for `data`), `""` for null.
        var text: String

        /// Whether the value holds something real (not empty, not a placeholder), decoding `data` as needed.
        var isReal: Bool {
            section == .data ? LiteralBytes.isRealEncoded(text) : LiteralBytes.isRealPlain(text)
        }

        /// The value's bytes: decoded for `data` (the text itself when it is not base64).
        var bytes: [UInt8] {
            let raw = Array(text.utf8)
            return section == .data ? LiteralBytes.base64Decode(raw) ?? raw : raw
        }
    }

    static let tlsType = "kubernetes.io/tls"
    static let serviceAccountTokenType = "kubernetes.io/service-account-token"
    static let dockerConfigJSONType = "kubernetes.io/dockerconfigjson"
    static let dockerCfgType = "kubernetes.io/dockercfg"

    let object: KubeObject
    /// `type`, or `Opaque` when absent (the API server's default).
    let type: String
    let typeNode: YAMLNode?
    let dataNode: YAMLNode?
    let stringDataNode: YAMLNode?

    init(_ object: KubeObject) {
        self.object = object
        typeNode = object.root["type"]
        type = typeNode?.string ?? "Opaque"
        dataNode = object.root["data"]
        stringDataNode = object.root["stringData"]
    }

    var isRegistryCredentials: Bool { type == Self.dockerConfigJSONType || type == Self.dockerCfgType }

    /// Every key of `data`, then of `stringData`, in document order.
    var entries: [Entry] {
        var out: [Entry] = []
        for (section, node) in [(Section.data, dataNode), (.stringData, stringDataNode)] {
            guard let pairs = node?.pairs else { continue }
            for p in pairs {
                guard let text = p.value.string ?? (p.value.isNull ? "" : nil) else { continue }
                out.append(Entry(section: section, key: p.key, node: p.value, text: text))
            }
        }
        return out
    }

    /// The entry the API server keeps for `key`: `stringData` overrides `data`.
    func entry(_ key: String) -> Entry? {
        if let node = stringDataNode?[key], let text = node.string ?? (node.isNull ? "" : nil) {
            return Entry(section: .stringData, key: key, node: node, text: text)
        }
        if let node = dataNode?[key], let text = node.string ?? (node.isNull ? "" : nil) {
            return Entry(section: .data, key: key, node: node, text: text)
        }
        return nil
    }

    /// `Secret "name"`, for messages.
    var label: String { "Secret \"\(object.name)\"" }
}
