/// Why a picture could not be drawn. Only the Graphviz path can fail: every other renderer is pure.
public enum GraphPictureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--svg-layout graphviz` was asked for and no `dot` executable is on PATH.
    case graphvizNotFound
    /// `dot` could not be started.
    case graphvizLaunchFailed(String)
    /// `dot` exited with a failure status; `message` is the first line of its standard error.
    case graphvizFailed(status: Int32, message: String)
    /// `dot` ran longer than allowed and was stopped.
    case graphvizTimedOut(seconds: Int)

    public var description: String {
        switch self {
        case .graphvizNotFound:
            "Graphviz's dot is not on PATH: install graphviz, or use --svg-layout builtin"
        case .graphvizLaunchFailed(let reason):
            "could not run Graphviz's dot: \(reason)"
        case .graphvizFailed(let status, let message):
            "Graphviz's dot failed (exit status \(status)): \(message)"
        case .graphvizTimedOut(let seconds):
            "Graphviz's dot did not finish within \(seconds) s: use --svg-layout builtin for large graphs"
        }
    }
}
