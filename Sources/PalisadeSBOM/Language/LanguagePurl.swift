/// Package URLs for language packages, through the shared `PackageURL` builder (per-type normalisation and the
/// purl spec's percent-encoding), taking the ecosystem enum the catalogers already use.
enum LanguagePurl {
    static func make(type: PackageEcosystem, namespace: String? = nil, name: String, version: String?) -> String {
        PackageURL(type: type.rawValue, namespace: namespace, name: name, version: version).description
    }
}
