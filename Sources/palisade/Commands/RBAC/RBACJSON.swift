import PalisadeFormats
import PalisadeKube

/// JSON text for `rbac` answers, written with `JSONWriter` (no Foundation encoder). Each value
/// renders to one compact JSON fragment; the commands assemble objects from them.
enum RBACJSON {
    static func string(_ s: String) -> String { JSONWriter.quoted(s) }

    static func optional(_ s: String?) -> String { s.map(JSONWriter.quoted) ?? "null" }

    static func strings(_ list: [String]) -> String { "[" + list.map(JSONWriter.quoted).joined(separator: ",") + "]" }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { JSONWriter.quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    static func subject(_ s: RBACSubject) -> String {
        object([
            ("kind", string(s.kind)), ("name", string(s.name)), ("namespace", optional(s.namespace)),
            ("label", string(s.label)),
        ])
    }

    static func source(_ s: RBACSource) -> String {
        switch s {
        case .builtIn: return object([("builtIn", "true")])
        case .manifest(let file, let line): return object([("file", string(file)), ("line", String(line))])
        }
    }

    static func request(_ r: RBACRequest) -> String {
        var fields: [(String, String)] = [("verb", string(r.verb)), ("namespace", optional(r.namespace))]
        switch r.target {
        case .nonResourceURL(let url):
            fields.append(("nonResourceURL", string(url)))
        case .resource(let group, let resource, let subresource, let name):
            fields += [
                ("apiGroup", string(group)), ("resource", string(resource)), ("subresource", string(subresource)),
                ("name", string(name)),
            ]
        }
        return object(fields)
    }

    static func rule(_ r: RBACRule) -> String {
        object([
            ("definedIn", string(r.definedIn)), ("index", String(r.index)), ("line", r.line.map(String.init) ?? "null"),
            ("verbs", strings(r.verbs)), ("apiGroups", strings(r.apiGroups)), ("resources", strings(r.resources)),
            ("resourceNames", strings(r.resourceNames)), ("nonResourceURLs", strings(r.nonResourceURLs)),
        ])
    }

    static func grant(_ g: RBACGrant) -> String {
        object([
            (
                "binding",
                object([
                    ("kind", string(g.binding.isClusterRoleBinding ? "ClusterRoleBinding" : "RoleBinding")),
                    ("name", string(g.binding.name)), ("namespace", optional(g.binding.namespace)),
                    ("source", source(g.binding.source)),
                ])
            ),
            (
                "role",
                object([
                    ("kind", string(g.role.isClusterRole ? "ClusterRole" : "Role")), ("name", string(g.role.name)),
                    ("namespace", optional(g.role.namespace)), ("source", source(g.role.source)),
                ])
            ),
            ("rule", rule(g.rule)),
            ("path", string(g.path)),
        ])
    }

    static func issues(_ list: [RBACIssue]) -> String {
        array(
            list.map {
                object([
                    ("level", string($0.level.rawValue)), ("message", string($0.message)),
                    ("source", source($0.source)),
                ])
            })
    }
}

/// Aligned text columns for `rbac` tables.
enum RBACTable {
    static func render(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() {
                if i == cells.count - 1 {
                    out += cell
                } else {
                    out += cell + String(repeating: " ", count: widths[i] - cell.count + 2)
                }
            }
            return out + "\n"
        }
        return line(header) + rows.map(line).joined()
    }

    /// `(built-in)` or `(file.yaml:12)`.
    static func origin(_ g: RBACGrant) -> String {
        if g.binding.source == g.role.source || g.role.source.isBuiltIn && g.binding.source.isBuiltIn {
            return g.binding.source.description
        }
        return "\(g.binding.source), role \(g.role.source)"
    }
}
