/// The tag of an image reference such as `docker.io/library/alpine:3.20`, `alpine`, `registry:5000/app`
/// or `oci:./img:1.0`, and whether it pins a version.
enum ImageReferenceTag {
    enum Pinning: Sendable, Hashable {
        case digest
        case tag(String)
        case latest
        case untagged
    }

    static func pinning(of reference: String) -> Pinning {
        let ref = Substring(reference).trimmingSpaces
        if ref.contains("@sha256:") || ref.contains("@sha512:") { return .digest }
        // The tag is after the last ':' of the last path component (a ':' before a '/' is a port).
        let lastComponent = ref.split(separator: "/", omittingEmptySubsequences: false).last ?? ref
        guard let colon = lastComponent.lastIndex(of: ":") else { return .untagged }
        let tag = lastComponent[lastComponent.index(after: colon)...]
        if tag.isEmpty { return .untagged }
        return tag.lowercased() == "latest" ? .latest : .tag(String(tag))
    }
}
