import PalisadeCore
import PalisadeFormats
import PalisadeSeccomp

/// Any Kubernetes rule: metadata from the catalog plus one of the evaluation protocols below.
public protocol KubeRule: Sendable {
    var metadata: RuleMetadata { get }
}

/// A rule that looks at one object on its own (RBAC roles, Services, Ingresses, namespaces…).
public protocol ObjectRule: KubeRule {
    /// Cheap pre-filter so the engine skips objects the rule never looks at.
    func applies(to object: KubeObject) -> Bool
    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation]
}

/// A rule about a pod spec, run once for every workload kind through its pod template.
public protocol WorkloadRule: KubeRule {
    func evaluate(_ pod: PodSpecView, context: RuleContext) -> [Violation]
}

/// A rule that needs every scanned object at once (e.g. namespaces no NetworkPolicy covers).
/// It sees compact summaries, not whole objects, so memory stays bounded on large inputs.
public protocol CrossObjectRule: KubeRule {
    /// Whether the rule needs this object's summary; summaries are built only for objects some
    /// cross-object rule wants (declared like Trivy's analyzers declare the files they read).
    func wants(_ object: KubeObject, isWorkload: Bool) -> Bool
    func evaluate(_ objects: [ObjectSummary], context: RuleContext) -> [CrossObjectViolation]
}

extension CrossObjectRule {
    public func wants(_ object: KubeObject, isWorkload: Bool) -> Bool { true }
}

/// A violation found across objects; it names the object it is attached to.
public struct CrossObjectViolation: Sendable {
    public var message: String
    public var object: ObjectReference
    public var file: String
    public var mark: SourceMark
    public var path: String

    public init(message: String, object: ObjectReference, file: String, mark: SourceMark, path: String) {
        self.message = message
        self.object = object
        self.file = file
        self.mark = mark
        self.path = path
    }
}

/// Settings rules may read. Value type, shared read-only across tasks.
public struct RuleContext: Sendable {
    /// Pod Security Standards policy version to evaluate (`v1.0` … `latest`).
    public var podSecurityVersion: PodSecurityVersion
    /// Registries images may come from (host, optionally with a path prefix, e.g. `ghcr.io/acme`).
    /// Empty: any registry is accepted.
    public var allowedRegistries: [String] {
        didSet { registryEntries = allowedRegistries.compactMap(RegistryAllowEntry.init) }
    }
    /// `allowedRegistries` normalised once here, not by the registry rule for every workload
    /// (the admission webhook evaluates thousands of objects a second with one context).
    private(set) var registryEntries: [RegistryAllowEntry]
    /// The profiles of a kubelet seccomp directory (`--seccomp-dir`); the `K8S-SECCOMP-LOCALHOST-*`
    /// rules judge `Localhost` profiles only when it is set.
    public var localhostProfiles: LocalhostProfiles?

    public init(
        podSecurityVersion: PodSecurityVersion = .latest, allowedRegistries: [String] = [],
        localhostProfiles: LocalhostProfiles? = nil
    ) {
        self.podSecurityVersion = podSecurityVersion
        self.allowedRegistries = allowedRegistries
        self.registryEntries = allowedRegistries.compactMap(RegistryAllowEntry.init)
        self.localhostProfiles = localhostProfiles
    }
}

/// A Pod Security Standards policy version: `v1.0` … `v1.37`, or `latest`.
public struct PodSecurityVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The newest version this build of Palisade knows (its checks equal `latest`).
    public static let newestMinor = 37
    public static let latest = PodSecurityVersion(minor: newestMinor, isLatest: true)

    /// Kubernetes minor version (`1.MINOR`).
    public let minor: Int
    public let isLatest: Bool

    public init(minor: Int, isLatest: Bool = false) {
        self.minor = minor
        self.isLatest = isLatest
    }

    /// Parses `latest`, `v1.25` or `1.25`. Versions newer than the newest known mean latest.
    public init?(_ text: String) {
        if text == "latest" {
            self = .latest
            return
        }
        var t = Substring(text)
        if t.hasPrefix("v") { t = t.dropFirst() }
        let parts = t.split(separator: ".")
        guard parts.count == 2, parts[0] == "1", let minor = Int(parts[1]), minor >= 0 else { return nil }
        self.init(minor: min(minor, Self.newestMinor), isLatest: minor >= Self.newestMinor)
    }

    /// True when this version is `v1.minor` or newer.
    public func atLeast(_ minor: Int) -> Bool { self.minor >= minor }

    public static func < (a: PodSecurityVersion, b: PodSecurityVersion) -> Bool { a.minor < b.minor }

    public var description: String { isLatest ? "latest" : "v1.\(minor)" }
}
