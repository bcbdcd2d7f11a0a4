// TEMPORARY: replaced by the strace parser and syscall table branches. Not committed.
public struct StraceTrace: Sendable, Equatable {
    public var calls: [SyscallPersonality: [String: Int]] = [:]
    public var lines = 0
    public var unparsedLines = 0
    public var unparsedExamples: [String] = []
    public var processes = 0
    public init() {}
}
public struct StraceLogParser: Sendable {
    public init() {}
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {}
    public mutating func finish() -> StraceTrace { StraceTrace() }
}
public enum SyscallTable {
    public static func isKnown(_ name: String) -> Bool { true }
    public static func names(on arch: SeccompArchitecture) -> [String] { [] }
}
extension SyscallTable {
    public static func number(of name: String, on arch: SeccompArchitecture) -> Int? { 0 }
}
