/// Rules on Secrets, ConfigMaps and Namespaces (placeholder; filled in by the object-hygiene area).
public enum ObjectHygieneRules {
    public static let all: [any ObjectRule] = []
}
