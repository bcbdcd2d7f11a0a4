/// Where a role or binding comes from: a manifest (file and line) or the Kubernetes bootstrap
/// policy every API server creates, so output says which grants the manifests do not show.
public enum RBACSource: Sendable, Hashable, CustomStringConvertible {
    case manifest(file: String, line: Int)
    case builtIn

    public var description: String {
        switch self {
        case .manifest(let file, let line): return "\(file):\(line)"
        case .builtIn: return "built-in"
        }
    }

    public var isBuiltIn: Bool { self == .builtIn }
}

/// Something in the RBAC objects that is wrong or surprising but does not stop the analysis:
/// a binding to a role defined nowhere, a duplicate object, an invalid aggregation selector.
public struct RBACIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Level: String, Sendable, Hashable {
        case warning
        case note
    }

    public var level: Level
    public var message: String
    public var source: RBACSource

    public init(_ level: Level, _ message: String, at source: RBACSource) {
        self.level = level
        self.message = message
        self.source = source
    }

    /// `argocd.yaml:12: warning: ...`, one line.
    public var description: String { "\(source): \(level.rawValue): \(message)" }
}
