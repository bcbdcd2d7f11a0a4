/// Placeholder list; filled in by the RBACRules area.
public enum RBACRules {
    public static let all: [any ObjectRule] = []
}
