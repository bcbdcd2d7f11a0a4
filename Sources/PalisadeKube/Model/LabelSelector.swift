import PalisadeFormats

/// A Kubernetes label selector (`matchLabels` and `matchExpressions`), evaluated exactly as the API
/// server does: every term must hold, and an empty selector matches everything. One type for every
/// place selectors appear — NetworkPolicy peers, ClusterRole aggregation, admission policy scopes —
/// so they cannot disagree on an edge case.
public struct LabelSelector: Sendable, Hashable {
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

    /// Something wrong in a selector node, with the node it is about.
    public struct Problem: Sendable {
        public var message: String
        public var node: YAMLNode
    }

    public var matchLabels: [String: String]
    public var matchExpressions: [Requirement]
    /// Why the selector is invalid (`nil` when valid). The API server rejects such a selector, so
    /// it matches nothing here.
    public var invalidReason: String?

    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
        self.invalidReason = nil
    }

    public var isInvalid: Bool { invalidReason != nil }

    /// `{}`: selects everything.
    public var isEmpty: Bool { !isInvalid && matchLabels.isEmpty && matchExpressions.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        if isInvalid { return false }
        for (k, v) in matchLabels where labels[k] != v { return false }
        for r in matchExpressions {
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

    /// Reads a selector node. `In`/`NotIn` need values and `Exists`/`DoesNotExist` take none, as
    /// `LabelSelectorAsSelector` requires; every problem is returned with its node and makes the
    /// selector invalid. A null or absent node is the caller's business (its meaning differs per field).
    public static func parse(_ node: YAMLNode) -> (selector: LabelSelector, problems: [Problem]) {
        var selector = LabelSelector()
        var problems: [Problem] = []
        func fail(_ message: String, _ at: YAMLNode) {
            problems.append(Problem(message: message, node: at))
            if selector.invalidReason == nil { selector.invalidReason = message }
        }
        guard node.isMapping else {
            fail("selector is \(node.typeName), not a mapping", node)
            return (selector, problems)
        }
        if let labels = node["matchLabels"], !labels.isNull {
            if let pairs = labels.pairs {
                for p in pairs {
                    if let v = p.value.string {
                        selector.matchLabels[p.key] = v
                    } else {
                        fail("matchLabels[\(p.key)] is not a string", p.value)
                    }
                }
            } else {
                fail("matchLabels is not a mapping", labels)
            }
        }
        if let expressions = node["matchExpressions"], !expressions.isNull {
            guard let items = expressions.items else {
                fail("matchExpressions is not a list", expressions)
                return (selector, problems)
            }
            for item in items {
                switch requirement(item) {
                case .success(let r): selector.matchExpressions.append(r)
                case .failure(let problem): fail(problem.message, problem.node)
                }
            }
        }
        return (selector, problems)
    }

    private struct RequirementProblem: Error {
        var message: String
        var node: YAMLNode
    }

    private static func requirement(_ item: YAMLNode) -> Result<Requirement, RequirementProblem> {
        guard let key = item["key"]?.string, !key.isEmpty else {
            return .failure(RequirementProblem(message: "matchExpressions entry has no key", node: item))
        }
        let opText = item["operator"]?.string ?? ""
        guard let op = Operator(rawValue: opText) else {
            return .failure(
                RequirementProblem(
                    message: "matchExpressions key \"\(key)\": invalid operator \"\(opText)\" "
                        + "(In, NotIn, Exists or DoesNotExist)", node: item["operator"] ?? item))
        }
        var values: [String] = []
        if let valuesNode = item["values"], !valuesNode.isNull {
            guard let list = valuesNode.items, list.allSatisfy({ $0.string != nil }) else {
                return .failure(
                    RequirementProblem(
                        message: "matchExpressions key \"\(key)\": values is not a list of strings", node: valuesNode))
            }
            values = list.compactMap(\.string)
        }
        let needsValues = op == .in || op == .notIn
        if needsValues, values.isEmpty {
            return .failure(
                RequirementProblem(
                    message: "matchExpressions key \"\(key)\": operator \(op.rawValue) needs at least one value",
                    node: item))
        }
        if !needsValues, !values.isEmpty {
            return .failure(
                RequirementProblem(
                    message: "matchExpressions key \"\(key)\": operator \(op.rawValue) takes no values", node: item))
        }
        return .success(Requirement(key: key, op: op, values: values))
    }
}
