import PalisadeCore

/// The catalog of secret rules: every pattern rule plus the PKCS#12 file rule. `palisade rules`,
/// reports and docs read the metadata from here.
public enum SecretRules {
    /// Metadata of every secret rule, in declaration order.
    public static let all: [RuleMetadata] = patternRules.map(\.metadata) + [KeyStoreFileRule.metadata]

    /// The metadata of one rule, by id.
    public static func metadata(id: String) -> RuleMetadata? {
        all.first { $0.id == id }
    }

    /// Every pattern rule, grouped by provenance.
    static let patternRules: [SecretRule] =
        CloudProviderRules.all + VersionControlRules.all + PackageRegistryRules.all + SaaSRules.all
        + PrivateKeyRules.all + StructuralRules.all + CredentialFileRules.all + GenericRules.all
}
