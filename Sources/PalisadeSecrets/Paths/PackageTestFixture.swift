/// Recognises test fixtures shipped inside installed packages (`…/site-packages/*/tests/…`,
/// `node_modules/*/test/…`, Go's `testdata`): their keys and tokens are published test vectors, so
/// findings there are reported at low severity instead of being hidden.
enum PackageTestFixture {
    /// Path components that mark a package installation tree.
    private static let packageRoots: [String] = [
        "/site-packages/", "/dist-packages/", "/node_modules/", "/vendor/", "/gems/", "/go/pkg/mod/",
        "/usr/local/go/src/", "/usr/lib/go/src/", "/.cargo/registry/", "/.m2/repository/", "/usr/share/doc/",
        "/usr/lib/jvm/", "/usr/share/perl", "/usr/lib/ruby/", "/usr/share/gems/", "/.npm/", "/.cache/pip/",
    ]
    /// Directory names used for tests and fixtures.
    private static let testDirectories: Set<Substring> = [
        "test", "tests", "testing", "testdata", "test_data", "test-data", "__tests__", "spec", "specs",
        "fixtures", "fixture", "__fixtures__", "testcases", "test_vectors", "examples", "example",
    ]

    static func matches(path: String) -> Bool {
        guard packageRoots.contains(where: { path.contains($0) }) else { return false }
        let parts = path.split(separator: "/")
        guard let base = parts.last else { return false }
        if parts.dropLast().contains(where: { testDirectories.contains($0.lowercased()[...]) }) { return true }
        return base.hasPrefix("test_") || base.hasSuffix("_test.go") || base.hasSuffix("_test.py")
            || base.contains(".test.") || base.contains(".spec.") || base.hasSuffix("_spec.rb")
    }
}
