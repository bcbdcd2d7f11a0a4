/// Why libseccomp could not be used: missing library or symbol, or a call that failed.
public enum LibSeccompError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `dlopen` failed: the shared library is not installed (or the override path is wrong).
    case libraryNotFound(path: String, detail: String)
    /// The library loaded but lacks a function Palisade needs (libseccomp older than 2.4).
    case symbolMissing(symbol: String, path: String)
    /// A libseccomp call returned a negative errno.
    case callFailed(function: String, subject: String, errno: Int32)

    public var description: String {
        switch self {
        case .libraryNotFound(let path, let detail):
            "\(path) not found: install Debian's libseccomp2 (\(detail))"
        case .symbolMissing(let symbol, let path):
            "\(path) has no \(symbol): libseccomp 2.4 or newer is needed"
        case .callFailed(let function, let subject, let errno):
            "\(function)(\(subject)) failed: \(errnoName(errno))"
        }
    }
}

/// `EINVAL (22)`-style text for an errno value, without depending on the C library's locale.
func errnoName(_ value: Int32) -> String {
    let names: [Int32: String] = [
        1: "EPERM", 2: "ENOENT", 8: "ENOEXEC", 12: "ENOMEM", 13: "EACCES", 14: "EFAULT", 17: "EEXIST",
        22: "EINVAL", 38: "ENOSYS", 95: "EOPNOTSUPP",
    ]
    return names[value].map { "\($0) (\(value))" } ?? "errno \(value)"
}
