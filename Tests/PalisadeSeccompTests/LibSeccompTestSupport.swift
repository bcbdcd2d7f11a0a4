import PalisadeSeccomp
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Tests that need libseccomp run when it is installed; on CI (`CI=true`) a missing library is a
/// failure, elsewhere those tests are skipped with a message.
enum LibSeccompTestSupport {
    static let onCI = getenv("CI").map { String(cString: $0) } == "true"

    /// True when the tests should run: the library loads, or CI (where `library()` then fails).
    static let shouldRun: Bool = onCI || (try? LibSeccomp(path: LibSeccomp.soname)) != nil

    static let skipMessage: Comment =
        "libseccomp.so.2 is not installed (Debian's libseccomp2); set CI=true to fail instead"

    static func library() throws -> LibSeccomp {
        do {
            return try LibSeccomp(path: LibSeccomp.soname)
        } catch {
            Issue.record("CI=true and libseccomp cannot be loaded: \(error)")
            throw error
        }
    }
}
