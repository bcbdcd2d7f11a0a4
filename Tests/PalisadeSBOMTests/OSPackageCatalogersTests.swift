import PalisadeSBOM
import Testing

@Suite struct OSPackageCatalogersTests {
    @Test func listsDpkgApkRpm() {
        #expect(OSPackageCatalogers.all.map(\.id) == ["dpkg", "apk", "rpm"])
    }

    @Test func eachDatabaseIsWantedByExactlyOneCataloger() {
        for path in ["/var/lib/dpkg/status", "/lib/apk/db/installed", "/var/lib/rpm/rpmdb.sqlite"] {
            #expect(OSPackageCatalogers.all.filter { $0.wants(path: path, size: 1, isExecutable: false) }.count == 1)
        }
        #expect(OSPackageCatalogers.all.allSatisfy { !$0.wants(path: "/etc/passwd", size: 1, isExecutable: false) })
    }
}
