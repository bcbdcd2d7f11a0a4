import PalisadeFormats

/// The roles and bindings every Kubernetes API server creates at start-up (`cluster-admin` bound to
/// `system:masters`, `admin`/`edit`/`view` and their aggregation, the `system:*` ClusterRoles, and
/// the kube-system/kube-public Roles such as `extension-apiserver-authentication-reader`), so
/// bindings to them resolve even when the manifests do not define them. Parsed on first use from
/// the embedded copies of Kubernetes' own golden files (`BootstrapPolicyData`), one per version:
/// what `edit` may do changed between releases (endpoints write removed in 1.22 for
/// CVE-2021-25740, `serviceaccounts/token` create added later), so answers depend on it.
public enum BootstrapPolicy {
    /// A Kubernetes release whose bootstrap policy is embedded.
    public enum Version: String, Sendable, CaseIterable {
        /// The newest policy stored (Kubernetes 1.33 or later; see the fixtures' SOURCES.md).
        case latest
        /// Kubernetes 1.20.2, from Debian's source package of that release.
        case v120 = "1.20"

        /// Reads `latest`, `1.20`, `v1.20` or a patch release such as `1.20.15`; `nil` when no
        /// embedded version matches.
        public init?(parsing text: String) {
            var text = Substring(text)
            if text.hasPrefix("v") { text = text.dropFirst() }
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let minor = parts.count >= 2 ? parts[0] + "." + parts[1] : text
            guard parts.count <= 3, parts.dropFirst(2).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
                let version = Version(rawValue: String(minor))
            else { return nil }
            self = version
        }
    }

    /// The names `--k8s-version` accepts.
    public static let versions = Version.allCases.map(\.rawValue)

    /// The newest bootstrap objects, roles first.
    public static var objects: [KubeObject] { latestObjects }

    /// The bootstrap objects of `version`, roles first.
    public static func objects(_ version: Version) -> [KubeObject] {
        switch version {
        case .latest: return latestObjects
        case .v120: return v120Objects
        }
    }

    private static let latestObjects = load(BootstrapPolicyData.latest, "latest")
    private static let v120Objects = load(BootstrapPolicyData.v120, "1.20")

    private static func load(_ files: [(name: String, text: String)], _ version: String) -> [KubeObject] {
        var loaded = KubeObjectLoader.Loaded()
        let loader = KubeObjectLoader()
        for (name, text) in files {
            let source = "kubernetes-bootstrap/\(version)/\(name)"
            loader.load(SourceBuffer(name: source, copying: Array(text.utf8)), into: &loaded)
        }
        return loaded.objects
    }
}
