import PalisadeCore
import PalisadeFormats

/// Applies RFC 6902 JSONPatch operations (`add`, `replace`, `remove`, `test`) to a node tree, as the
/// API server applies a mutating webhook's patch. `replay` uses it to judge the object the cluster
/// would really store, and tests use it to check what the webhook returns.
public enum JSONPatch {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The patched tree, re-parsed so node ids and positions are consistent for field paths.
    public static func apply(_ ops: [AdmissionDecision.PatchOperation], to root: YAMLNode) throws(Failure) -> YAMLNode {
        var tree = root
        for op in ops {
            let tokens = try parsePointer(op.path)
            switch op.op {
            case "add", "replace":
                let bytes = Array(op.valueJSON.utf8)
                let value: YAMLNode
                do throws(InputError) {
                    value = try JSONTreeParser().parse(bytes, file: "patch")
                } catch {
                    throw Failure(description: "invalid value at \(op.path): \(error.reason)")
                }
                try set(&tree, tokens[...], value: value, mode: op.op, path: op.path)
            case "remove":
                try set(&tree, tokens[...], value: nil, mode: op.op, path: op.path)
            default:
                throw Failure(description: "unsupported patch operation '\(op.op)'")
            }
        }
        let json = Array(JSONWriter.json(tree).utf8)
        do throws(InputError) {
            return try JSONTreeParser().parse(json, file: "patched")
        } catch {
            throw Failure(description: "patched object is not valid JSON: \(error.reason)")
        }
    }

    static func parsePointer(_ path: String) throws(Failure) -> [String] {
        guard path.hasPrefix("/") else { throw Failure(description: "JSON pointer '\(path)' must start with /") }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingTildes()
        }
    }

    private static func set(
        _ node: inout YAMLNode, _ tokens: ArraySlice<String>, value: YAMLNode?, mode: String, path: String
    ) throws(Failure) {
        guard let token = tokens.first else {
            guard let value else { throw Failure(description: "cannot remove the whole document") }
            node = value
            return
        }
        let last = tokens.count == 1
        switch node.content {
        case .mapping(var pairs):
            let index = pairs.lastIndex { $0.key == token }
            if last {
                switch (mode, index, value) {
                case ("remove", let i?, _): pairs.remove(at: i)
                case ("replace", nil, _), ("remove", nil, _):
                    throw Failure(description: "\(path): no member '\(token)' to \(mode)")
                case (_, let i?, let v?): pairs[i].value = v
                case (_, nil, let v?): pairs.append(YAMLPair(key: token, keyMark: node.mark, value: v))
                default: break
                }
            } else {
                guard let i = index else { throw Failure(description: "\(path): no member '\(token)'") }
                try set(&pairs[i].value, tokens.dropFirst(), value: value, mode: mode, path: path)
            }
            node.content = .mapping(pairs)
        case .sequence(var items):
            let i: Int
            if token == "-" {
                i = items.count
            } else {
                guard let n = Int(token), n >= 0, n <= items.count else {
                    throw Failure(description: "\(path): index '\(token)' out of range")
                }
                i = n
            }
            if last {
                switch (mode, value) {
                case ("add", let v?): items.insert(v, at: i)
                case ("replace", let v?) where i < items.count: items[i] = v
                case ("remove", _) where i < items.count: items.remove(at: i)
                default: throw Failure(description: "\(path): index '\(token)' out of range")
                }
            } else {
                guard i < items.count else { throw Failure(description: "\(path): index '\(token)' out of range") }
                try set(&items[i], tokens.dropFirst(), value: value, mode: mode, path: path)
            }
            node.content = .sequence(items)
        case .scalar:
            throw Failure(description: "\(path): '\(token)' is below a scalar")
        }
    }
}

extension Substring {
    /// Undoes RFC 6901 escaping (`~1` is `/`, `~0` is `~`; in that order).
    fileprivate func replacingTildes() -> String {
        guard contains("~") else { return String(self) }
        var out = ""
        var it = makeIterator()
        while let c = it.next() {
            if c == "~", let n = it.next() {
                out.append(n == "1" ? "/" : n == "0" ? "~" : n)
            } else {
                out.append(c)
            }
        }
        return out
    }
}
