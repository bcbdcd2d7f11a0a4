import PalisadeSeccomp
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Tests that need libseccomp run when it is installed; on CI (`CI=true`) a missing library is a
/// failure, elsewhere those tests are skipped with a message.
enum LibSeccompTestSupport {
    static let onCI = getenv("CI").map { String(cString: $0) } == "true"

    /// The library the tests load: `PALISADE_LIBSECCOMP` when set (to simulate a machine without
    /// it), else the system's.
    static let path = getenv(LibSeccomp.pathVariable).map { String(cString: $0) } ?? LibSeccomp.soname

    /// True when the tests should run: the library loads, or CI (where `library()` then fails).
    static let shouldRun: Bool = onCI || (try? LibSeccomp(path: path)) != nil

    static let skipMessage: Comment =
        "libseccomp.so.2 is not installed (Debian's libseccomp2); set CI=true to fail instead"

    static func library() throws -> LibSeccomp {
        do {
            return try LibSeccomp(path: path)
        } catch {
            Issue.record("CI=true and libseccomp cannot be loaded: \(error)")
            throw error
        }
    }
}
