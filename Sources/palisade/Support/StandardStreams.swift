import Foundation

/// Writes to stdout/stderr as raw bytes (no buffering surprises when the process exits right after).
enum StandardStreams {
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// One line on stderr.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Colour only for a terminal, and never when the user opted out (`--no-color`, `NO_COLOR`).
    static func wantsColor(noColorFlag: Bool, writingToFile: Bool) -> Bool {
        if noColorFlag || writingToFile { return false }
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        return isatty(1) == 1
    }
}
