/// One instruction (`RUN …`, `COPY …`), with continuation lines joined and heredoc bodies attached.
public struct DockerfileInstruction: Sendable, Hashable {
    /// Upper-cased keyword: `FROM`, `RUN`, `COPY`, … (unknown keywords are kept as written, upper-cased).
    public var keyword: String
    /// Leading `--name=value` / `--name` flags (`RUN --mount=…`, `COPY --from=…`, `FROM --platform=…`).
    public var flags: [DockerfileFlag]
    /// The text after the keyword and flags, continuation lines joined as BuildKit joins them
    /// (escape character and newline removed; comment and blank lines inside dropped).
    public var arguments: String
    /// The exec (JSON) form's strings, when the arguments are a JSON array of strings.
    public var execForm: [String]?
    /// Heredoc bodies (`<<EOF … EOF`), in the order their markers appear.
    public var heredocs: [DockerfileHeredoc]
    /// 1-based line of the keyword.
    public var line: Int
    /// 1-based last line of the instruction, heredoc bodies included.
    public var endLine: Int
    /// For `ONBUILD`: the instruction it registers (empty otherwise, or when it could not be parsed).
    public var triggered: [DockerfileInstruction]
    /// Where each physical line's text starts inside `arguments`, so a position found in the
    /// joined text maps back to its line (a `| sh` on the third line of a `RUN`).
    public var argumentLines: [LineStart]

    public init(
        keyword: String, flags: [DockerfileFlag] = [], arguments: String, execForm: [String]? = nil,
        heredocs: [DockerfileHeredoc] = [], line: Int, endLine: Int, triggered: [DockerfileInstruction] = [],
        argumentLines: [LineStart] = []
    ) {
        self.keyword = keyword
        self.flags = flags
        self.arguments = arguments
        self.execForm = execForm
        self.heredocs = heredocs
        self.line = line
        self.endLine = endLine
        self.triggered = triggered
        self.argumentLines = argumentLines.isEmpty ? [LineStart(offset: 0, line: line)] : argumentLines
    }

    /// The value of flag `--name` (last one wins, as in BuildKit), `""` for a bare flag, nil when absent.
    public func flag(_ name: String) -> String? {
        flags.last { $0.name == name }.map { $0.value ?? "" }
    }

    /// All values of a repeatable flag (`--mount` can be given several times).
    public func flagValues(_ name: String) -> [String] {
        flags.filter { $0.name == name }.map { $0.value ?? "" }
    }

    /// The physical line holding UTF-8 byte `offset` of `arguments`.
    public func line(atArgumentOffset offset: Int) -> Int {
        var result = argumentLines.first?.line ?? line
        for start in argumentLines {
            if start.offset > offset { break }
            result = start.line
        }
        return result
    }
}

/// A `--name=value` flag of an instruction.
public struct DockerfileFlag: Sendable, Hashable {
    /// Name without the dashes, lower-cased: `mount`, `from`, `chown`.
    public var name: String
    /// Nil for a bare flag (`--link`).
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// Where one physical line begins inside a joined text.
public struct LineStart: Sendable, Hashable {
    /// UTF-8 byte offset in the joined text.
    public var offset: Int
    /// 1-based line in the file.
    public var line: Int

    public init(offset: Int, line: Int) {
        self.offset = offset
        self.line = line
    }
}

/// A heredoc attached to an instruction (`RUN <<EOF`, `COPY <<EOF /etc/conf`).
public struct DockerfileHeredoc: Sendable, Hashable {
    /// The delimiter word, without quotes or `-`.
    public var name: String
    /// `<<-EOF`: leading tabs were stripped from body lines.
    public var stripsTabs: Bool
    /// `<<"EOF"` / `<<'EOF'`: no variable expansion in the body.
    public var quoted: Bool
    /// The body, lines joined with `\n` (with a trailing newline, as BuildKit passes it).
    public var body: String
    /// 1-based line of the first body line (the line after the instruction, or after the previous heredoc).
    public var firstBodyLine: Int

    public init(name: String, stripsTabs: Bool, quoted: Bool, body: String, firstBodyLine: Int) {
        self.name = name
        self.stripsTabs = stripsTabs
        self.quoted = quoted
        self.body = body
        self.firstBodyLine = firstBodyLine
    }
}
