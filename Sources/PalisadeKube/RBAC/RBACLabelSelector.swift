import PalisadeFormats

/// A `metav1.LabelSelector` (matchLabels and matchExpressions) as `aggregationRule.clusterRoleSelectors`
/// uses it. An empty selector matches every ClusterRole, as in Kubernetes; a selector with an
/// invalid operator matches none (the aggregation controller fails on it) and is reported.
public struct RBACLabelSelector: Sendable, Hashable {
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
    public var matchExpressions: [Requirement]
    /// Why the selector is invalid (`nil` when valid); an invalid selector matches nothing.
    public var invalidReason: String?

    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
        self.invalidReason = nil
    }

    /// Reads a selector node; `In`/`NotIn` need values and `Exists`/`DoesNotExist` must have none,
    /// as `LabelSelectorAsSelector` requires.
    init(node: YAMLNode) {
        self.init(matchLabels: node["matchLabels"]?.stringMap ?? [:])
        for expression in node["matchExpressions"]?.list ?? [] {
            let key = expression["key"]?.string ?? ""
            let opText = expression["operator"]?.string ?? ""
            let values = expression["values"]?.list.compactMap(\.string) ?? []
            guard let op = Operator(rawValue: opText) else {
                invalidReason = "matchExpressions operator \"\(opText)\" is not In, NotIn, Exists or DoesNotExist"
                continue
            }
            if key.isEmpty { invalidReason = "matchExpressions entry without a key" }
            let needsValues = op == .in || op == .notIn
            if needsValues && values.isEmpty {
                invalidReason = "matchExpressions \(op.rawValue) on \"\(key)\" needs values"
            } else if !needsValues && !values.isEmpty {
                invalidReason = "matchExpressions \(op.rawValue) on \"\(key)\" must not have values"
            }
            matchExpressions.append(Requirement(key: key, op: op, values: values))
        }
    }

    public func matches(_ labels: [String: String]) -> Bool {
        if invalidReason != nil { return false }
        for (key, value) in matchLabels where labels[key] != value { return false }
        for r in matchExpressions {
            let value = labels[r.key]
            switch r.op {
            case .in: if value == nil || !r.values.contains(value!) { return false }
            case .notIn: if let value, r.values.contains(value) { return false }
            case .exists: if value == nil { return false }
            case .doesNotExist: if value != nil { return false }
            }
        }
        return true
    }
}
