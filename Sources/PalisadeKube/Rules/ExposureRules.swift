/// Placeholder list; filled in by the ExposureRules area.
public enum ExposureRules {
    public static let objectRules: [any ObjectRule] = []
    public static let crossObjectRules: [any CrossObjectRule] = []
}
