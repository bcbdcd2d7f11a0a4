/// The catalogers for operating-system package databases, in the order their ids are listed.
public enum OSPackageCatalogers {
    /// dpkg (Debian, Ubuntu, distroless), apk (Alpine, Wolfi), rpm (RHEL family, Fedora, SUSE; sqlite
    /// databases only: see `RpmCataloger`).
    public static let all: [any PackageCataloger] = [DpkgCataloger(), ApkCataloger(), RpmCataloger()]
}
