/// Placeholder list; filled in by the PodSecurityRules area.
public enum PodSecurityRules {
    public static let all: [any WorkloadRule] = []
}
