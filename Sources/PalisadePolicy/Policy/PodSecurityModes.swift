import PalisadeCore
import PalisadeKube

/// The three Pod Security admission modes, each with a level and a policy version, as set by a
/// namespace's `pod-security.kubernetes.io/<mode>[-version]` labels or the policy's defaults.
public struct PodSecurityModes: Sendable, Hashable {
    public struct Mode: Sendable, Hashable {
        public var level: PodSecurityLevel
        public var version: PodSecurityVersion

        public init(level: PodSecurityLevel, version: PodSecurityVersion = .latest) {
            self.level = level
            self.version = version
        }
    }

    public var enforce = Mode(level: .privileged)
    public var warn = Mode(level: .privileged)
    public var audit = Mode(level: .privileged)

    public init() {}

    public init(enforce: Mode, warn: Mode, audit: Mode) {
        self.enforce = enforce
        self.warn = warn
        self.audit = audit
    }

    static let labelPrefix = "pod-security.kubernetes.io/"

    /// These defaults overridden by a namespace's labels. A label with an invalid value falls back
    /// to the strictest reading, as Pod Security admission does (`restricted`, `latest`).
    public func applying(namespaceLabels labels: [String: String]) -> PodSecurityModes {
        guard labels.keys.contains(where: { $0.hasPrefix(Self.labelPrefix) }) else { return self }
        var out = self
        func read(_ mode: String, _ current: Mode) -> Mode {
            var m = current
            if let value = labels[Self.labelPrefix + mode] {
                m.level = PodSecurityLevel(rawValue: value) ?? .restricted
            }
            if let value = labels[Self.labelPrefix + mode + "-version"] {
                m.version = PodSecurityVersion(value) ?? .latest
            }
            return m
        }
        out.enforce = read("enforce", enforce)
        out.warn = read("warn", warn)
        out.audit = read("audit", audit)
        return out
    }
}
