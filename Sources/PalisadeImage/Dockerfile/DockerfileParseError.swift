/// Why a Dockerfile could not be parsed. Rendered at the edge as `FILE:LINE: reason`.
public struct DockerfileParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line, when the problem has one.
    public var line: Int?
    public var reason: String

    public init(line: Int?, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "line \(line): \(reason)" }
        return reason
    }
}
