/// The distribution an image is built on, from `/etc/os-release` (or `/usr/lib/os-release`).
/// OS package purls carry it as their `distro` qualifier, and the vulnerability matcher maps it
/// to OSV ecosystems such as `Debian:12` or `Alpine:v3.19`.
public struct OSRelease: Sendable, Codable, Hashable {
    /// `ID`: `debian`, `ubuntu`, `alpine`, `rhel`, …
    public var id: String
    /// `VERSION_ID`: `12`, `22.04`, `3.19.1`; nil for rolling releases.
    public var versionID: String?
    /// `VERSION_CODENAME`: `bookworm`, `jammy`.
    public var codename: String?
    /// `PRETTY_NAME`, for humans.
    public var prettyName: String?
    /// `ID_LIKE`, split on spaces.
    public var idLike: [String]

    public init(
        id: String, versionID: String? = nil, codename: String? = nil, prettyName: String? = nil,
        idLike: [String] = []
    ) {
        self.id = id
        self.versionID = versionID
        self.codename = codename
        self.prettyName = prettyName
        self.idLike = idLike
    }
}
