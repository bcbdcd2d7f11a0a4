/// Byte constants and classes the strace line scanner compares against.
enum Ascii {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let dot = UInt8(ascii: ".")
    static let colon = UInt8(ascii: ":")
    static let zero = UInt8(ascii: "0")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openParen = UInt8(ascii: "(")
    static let closeParen = UInt8(ascii: ")")
    static let comma = UInt8(ascii: ",")
    static let lessThan = UInt8(ascii: "<")
    static let greaterThan = UInt8(ascii: ">")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let equals = UInt8(ascii: "=")
    static let question = UInt8(ascii: "?")
    static let lowerS = UInt8(ascii: "s")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    static let pidBracket: StaticString = "[pid "
    static let processBracket: StaticString = "[ Process PID="
    static let runsIn: StaticString = " runs in "
    static let mode32: StaticString = "32 bit mode"
    static let modeX32: StaticString = "x32 mode"
    static let mode64: StaticString = "64 bit mode"
    static let straceColon: StaticString = "strace: "
    static let straceProcess: StaticString = "strace: Process "
    static let processSpace: StaticString = "Process "
    static let resumedOpen: StaticString = "<... "
    static let resumedClose: StaticString = " resumed>"
    static let unfinished: StaticString = "<unfinished ...>"
    static let detached: StaticString = "<detached ...>"
    static let detachedCall: StaticString = "????("
    static let plusses: StaticString = "+++ "
    static let dashes: StaticString = "--- "
    static let summaryHeading: StaticString = "System call usage summary for "

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- zero < 10 }

    @inline(__always) static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c | 0x20) &- UInt8(ascii: "a") < 6
    }

    /// Syscall names start with a letter or `_` (`_llseek`, `syscall_0x1b6`).
    @inline(__always) static func isNameStart(_ c: UInt8) -> Bool {
        (c | 0x20) &- UInt8(ascii: "a") < 26 || c == UInt8(ascii: "_")
    }

    @inline(__always) static func isNameByte(_ c: UInt8) -> Bool { isNameStart(c) || isDigit(c) }
}
