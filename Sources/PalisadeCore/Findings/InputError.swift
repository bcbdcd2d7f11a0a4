/// A problem with the user's input that stops one file (or the whole run) from being read.
/// Rendered once, at the edge, as `FILE:LINE:COL: reason`.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var reason: String

    public init(file: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// A line below 1 means "unknown" (parsers report 0 when they have no position).
    public var description: String {
        switch (line.flatMap { $0 > 0 ? $0 : nil }, column) {
        case (let l?, let c?): "\(file):\(l):\(c): \(reason)"
        case (let l?, nil): "\(file):\(l): \(reason)"
        default: "\(file): \(reason)"
        }
    }
}
