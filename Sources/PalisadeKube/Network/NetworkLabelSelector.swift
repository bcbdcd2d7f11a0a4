import PalisadeFormats

/// A label selector as NetworkPolicies use it (`podSelector`, `namespaceSelector`): `matchLabels`
/// AND every `matchExpressions` requirement. Written here rather than shared with PalisadePolicy
/// because PalisadeKube sits below it; parsing keeps positions so invalid requirements become
/// findings instead of silently matching.
public struct NetworkLabelSelector: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }

    public struct Requirement: Sendable, Hashable {
        public var key: String
        public var op: Operator
        public var values: [String]

        public init(key: String, op: Operator, values: [String] = []) {
            self.key = key
            self.op = op
            self.values = values
        }
    }

    public var matchLabels: [String: String]
    public var requirements: [Requirement]
    /// Set when a requirement could not be read (unknown operator, values where none belong, …):
    /// the API server rejects such a selector, so it matches nothing here.
    public var isInvalid: Bool

    public init(matchLabels: [String: String] = [:], requirements: [Requirement] = [], isInvalid: Bool = false) {
        self.matchLabels = matchLabels
        self.requirements = requirements
        self.isInvalid = isInvalid
    }

    /// `{}`: selects everything.
    public var isEmpty: Bool { !isInvalid && matchLabels.isEmpty && requirements.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        if isInvalid { return false }
        for (k, v) in matchLabels where labels[k] != v { return false }
        for r in requirements {
            let value = labels[r.key]
            switch r.op {
            case .in: if value.map({ r.values.contains($0) }) != true { return false }
            case .notIn: if let value, r.values.contains(value) { return false }
            case .exists: if value == nil { return false }
            case .doesNotExist: if value != nil { return false }
            }
        }
        return true
    }

    /// Reads a selector node; problems (with the offending node) are appended to `problems`.
    /// A null or absent node is the caller's business (its meaning differs per field).
    static func parse(_ node: YAMLNode, problems: inout [NetworkPolicyProblem]) -> NetworkLabelSelector {
        var selector = NetworkLabelSelector()
        guard node.isMapping else {
            problems.append(NetworkPolicyProblem(message: "selector is a \(node.typeName), not a mapping", node: node))
            selector.isInvalid = true
            return selector
        }
        if let labels = node["matchLabels"], !labels.isNull {
            if let pairs = labels.pairs {
                for p in pairs {
                    if let v = p.value.string {
                        selector.matchLabels[p.key] = v
                    } else {
                        problems.append(
                            NetworkPolicyProblem(message: "matchLabels[\(p.key)] is not a string", node: p.value))
                        selector.isInvalid = true
                    }
                }
            } else {
                problems.append(NetworkPolicyProblem(message: "matchLabels is not a mapping", node: labels))
                selector.isInvalid = true
            }
        }
        if let expressions = node["matchExpressions"], !expressions.isNull {
            guard let items = expressions.items else {
                problems.append(NetworkPolicyProblem(message: "matchExpressions is not a list", node: expressions))
                selector.isInvalid = true
                return selector
            }
            for item in items {
                if let r = requirement(item, problems: &problems) {
                    selector.requirements.append(r)
                } else {
                    selector.isInvalid = true
                }
            }
        }
        return selector
    }

    private static func requirement(_ item: YAMLNode, problems: inout [NetworkPolicyProblem]) -> Requirement? {
        guard let key = item["key"]?.string, !key.isEmpty else {
            problems.append(NetworkPolicyProblem(message: "matchExpressions entry has no key", node: item))
            return nil
        }
        let opText = item["operator"]?.string ?? ""
        guard let op = Operator(rawValue: opText) else {
            problems.append(
                NetworkPolicyProblem(
                    message: "matchExpressions key \"\(key)\": invalid operator \"\(opText)\" "
                        + "(In, NotIn, Exists or DoesNotExist)", node: item["operator"] ?? item))
            return nil
        }
        let valuesNode = item["values"]
        var values: [String] = []
        if let valuesNode, !valuesNode.isNull {
            guard let list = valuesNode.items, list.allSatisfy({ $0.string != nil }) else {
                problems.append(
                    NetworkPolicyProblem(
                        message: "matchExpressions key \"\(key)\": values is not a list of strings",
                        node: valuesNode))
                return nil
            }
            values = list.compactMap(\.string)
        }
        let needsValues = op == .in || op == .notIn
        if needsValues, values.isEmpty {
            problems.append(
                NetworkPolicyProblem(
                    message: "matchExpressions key \"\(key)\": operator \(op.rawValue) needs at least one value",
                    node: item))
            return nil
        }
        if !needsValues, !values.isEmpty {
            problems.append(
                NetworkPolicyProblem(
                    message: "matchExpressions key \"\(key)\": operator \(op.rawValue) takes no values", node: item))
            return nil
        }
        return Requirement(key: key, op: op, values: values)
    }
}
