import Foundation

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

    private static let packageRootBytes: [[UInt8]] = packageRoots.map { Array($0.utf8) }

    /// Substring search on bytes (paths are short; the first byte is searched with `memchr`).
    static func contains(_ hay: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, hay.count >= needle.count, let base = hay.baseAddress else { return false }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return false }
            let at = base.distance(to: UnsafeRawPointer(hit))
            var j = 1
            while j < needle.count && hay[at + j] == needle[j] { j += 1 }
            if j == needle.count { return true }
            i = at + 1
        }
        return false
    }

    static func matches(path: String) -> Bool {
        // Byte search first: `String.contains` goes through the generic string-processing searcher.
        var path = path
        let inPackage = path.withUTF8 { p in
            packageRootBytes.contains { root in
                Self.contains(UnsafeRawBufferPointer(p), root)
            }
        }
        guard inPackage else { return false }
        let parts = path.split(separator: "/")
        guard let base = parts.last else { return false }
        if parts.dropLast().contains(where: { testDirectories.contains($0.lowercased()[...]) }) { return true }
        return base.hasPrefix("test_") || base.hasSuffix("_test.go") || base.hasSuffix("_test.py")
            || base.contains(".test.") || base.contains(".spec.") || base.hasSuffix("_spec.rb")
    }
}
