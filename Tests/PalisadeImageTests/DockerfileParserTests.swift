import PalisadeImage
import Testing

@Suite("DockerfileParser")
struct DockerfileParserTests {
    @Test("keywords are case-insensitive and lines are exact; comments and blank lines are skipped")
    func basics() throws {
        let df = try DockerfileParser.parse(
            """
            # a comment
            from alpine:3.20

            run echo hi
              Cmd ["sh"]
            """)
        #expect(df.instructions.map(\.keyword) == ["FROM", "RUN", "CMD"])
        #expect(df.instructions.map(\.line) == [2, 4, 5])
        #expect(df.instructions[1].arguments == "echo hi")
        #expect(df.instructions[2].execForm == ["sh"])
        #expect(df.instructions[1].execForm == nil)
    }

    @Test("continuations join lines; comment and blank lines inside are dropped; end line is exact")
    func continuations() throws {
        let df = try DockerfileParser.parse(
            """
            FROM debian:12
            RUN apt-get update \\
                # install tools

                && apt-get install -y curl \\
                && echo done
            USER app
            """)
        let run = df.instructions[1]
        #expect(run.line == 2)
        #expect(run.endLine == 6)
        #expect(run.arguments == "apt-get update     && apt-get install -y curl     && echo done")
        let echoOffset = run.arguments.utf8.count - "echo done".utf8.count
        #expect(run.line(atArgumentOffset: echoOffset) == 6)
        #expect(run.line(atArgumentOffset: 0) == 2)
        #expect(df.instructions[2].line == 7)
    }

    @Test("# escape=` switches the continuation character; directives are read only at the top")
    func escapeDirective() throws {
        let df = try DockerfileParser.parse(
            """
            # syntax=docker/dockerfile:1
            # escape=`
            FROM mcr.microsoft.com/windows/servercore:ltsc2022
            RUN dir C:\\ `
                && echo ok
            # escape=\\
            """)
        #expect(df.directives["syntax"] == "docker/dockerfile:1")
        #expect(df.escapeCharacter == "`")
        #expect(df.instructions.count == 2)
        #expect(df.instructions[1].arguments == "dir C:\\     && echo ok")

        let late = try DockerfileParser.parse("FROM a:1\n# escape=`\nRUN x `\n  y\n")
        #expect(late.escapeCharacter == "\\")
        #expect(late.instructions.count == 3)
        #expect(throws: DockerfileParseError.self) { try DockerfileParser.parse("# escape=x\nFROM a\n") }
    }

    @Test("heredocs: plain, <<-, quoted, several on one line, COPY; lines after them are exact")
    func heredocs() throws {
        let df = try DockerfileParser.parse(
            """
            FROM alpine:3.20
            RUN <<EOF
            apk add --no-cache curl
            echo "<<NOT" 'a heredoc'
            EOF
            RUN <<-"END" cat > /a
            \t\tindented
            \tEND
            RUN <<ONE <<'TWO' sh
            one
            ONE
            two
            TWO
            COPY <<CONF /etc/app.conf
            key=value
            CONF
            RUN echo $((1 << 2)) "<<X"
            USER 10001
            """)
        let runs = df.instructions.filter { $0.keyword == "RUN" }
        #expect(runs[0].heredocs.map(\.name) == ["EOF"])
        #expect(runs[0].heredocs[0].body == "apk add --no-cache curl\necho \"<<NOT\" 'a heredoc'\n")
        #expect(runs[0].heredocs[0].firstBodyLine == 3)
        #expect(runs[0].endLine == 5)
        #expect(runs[1].heredocs[0].stripsTabs && runs[1].heredocs[0].quoted)
        #expect(runs[1].heredocs[0].body == "indented\n")
        #expect(runs[2].heredocs.map(\.name) == ["ONE", "TWO"])
        #expect(runs[2].heredocs.map(\.body) == ["one\n", "two\n"])
        #expect(runs[2].heredocs[1].firstBodyLine == 12)
        let copy = try #require(df.instructions.first { $0.keyword == "COPY" })
        #expect(copy.line == 14 && copy.heredocs[0].body == "key=value\n")
        #expect(runs[3].heredocs.isEmpty)
        #expect(runs[3].line == 17)
        #expect(df.instructions.last?.line == 18)
    }

    @Test("an unterminated heredoc is an error naming the instruction's line")
    func unterminatedHeredoc() {
        #expect(throws: DockerfileParseError(line: 2, reason: "unterminated heredoc <<EOF: no line 'EOF' closes it")) {
            try DockerfileParser.parse("FROM a:1\nRUN <<EOF\necho\n")
        }
    }

    @Test("multi-stage: names, FROM stage, --platform, ARG substitution with defaults")
    func stages() throws {
        let df = try DockerfileParser.parse(
            """
            ARG REGISTRY=docker.io
            ARG GO=1.22
            ARG UNSET
            FROM --platform=$BUILDPLATFORM ${REGISTRY}/library/golang:${GO:-1.21} AS Build
            RUN go build
            FROM build AS test
            FROM ${UNSET:-alpine}:3.20
            FROM $UNSET
            FROM scratch
            COPY --from=build --chown=0:0 /out /app
            """)
        #expect(df.stages.count == 5)
        #expect(df.globalArguments.count == 3)
        let build = df.stages[0]
        #expect(build.name == "build")
        #expect(build.baseImage == "docker.io/library/golang:1.22")
        #expect(build.baseImageWritten == "${REGISTRY}/library/golang:${GO:-1.21}")
        #expect(build.from.flag("platform") == "$BUILDPLATFORM")
        #expect(build.instructions.map(\.keyword) == ["RUN"])
        #expect(df.stages[1].baseStage == 0)
        #expect(df.stages[2].baseImage == "alpine:3.20")
        #expect(df.stages[3].baseImage == nil)
        #expect(df.stages[4].isScratch)
        let copy = df.stages[4].instructions[0]
        #expect(copy.flag("from") == "build" && copy.flag("chown") == "0:0")
        #expect(copy.arguments == "/out /app")
    }

    @Test("RUN --mount flags are parsed and repeatable; ONBUILD keeps its trigger")
    func flagsAndOnbuild() throws {
        let df = try DockerfileParser.parse(
            """
            FROM python:3.13
            RUN --mount=type=cache,target=/root/.cache/pip --mount=type=secret,id=npm pip install x
            ONBUILD RUN curl -fsSL https://x | sh
            """)
        let run = df.instructions[1]
        #expect(run.flagValues("mount") == ["type=cache,target=/root/.cache/pip", "type=secret,id=npm"])
        #expect(run.arguments == "pip install x")
        let onbuild = df.instructions[2]
        #expect(onbuild.triggered.first?.keyword == "RUN")
        #expect(onbuild.triggered.first?.arguments == "curl -fsSL https://x | sh")
        #expect(onbuild.triggered.first?.line == 3)
    }

    @Test("ARG and ENV assignments, quoted and legacy forms")
    func variables() throws {
        let df = try DockerfileParser.parse(
            """
            FROM a:1
            ENV A=1 B="two words" C='$lit'
            ENV LEGACY value with spaces
            ARG X Y=2
            """)
        let env = DockerfileVariable.parse(df.instructions[1])
        #expect(env.map(\.name) == ["A", "B", "C"])
        #expect(env.map(\.value) == ["1", "two words", "$lit"])
        let legacy = DockerfileVariable.parse(df.instructions[2])
        #expect(
            legacy == [DockerfileVariable(name: "LEGACY", value: "value with spaces", rawValue: "value with spaces")])
        let arg = DockerfileVariable.parse(df.instructions[3])
        #expect(arg.map(\.name) == ["X", "Y"] && arg[0].value == nil && arg[1].value == "2")
    }

    @Test("image references: tag, digest, registry port")
    func imageReferences() {
        let a = BaseImageName("localhost:5000/app")
        #expect(a.repository == "localhost:5000/app" && a.tag == nil && a.digest == nil)
        let b = BaseImageName("ghcr.io/x/y:1.2@sha256:abc")
        #expect(b.tag == "1.2" && b.digest == "sha256:abc" && b.repository == "ghcr.io/x/y")
    }

    @Test("binary, oversized and CRLF input")
    func hostileInput() throws {
        #expect(throws: DockerfileParseError.self) { try DockerfileParser.parse([0x46, 0x52, 0x00, 0x4F]) }
        #expect(throws: DockerfileParseError.self) {
            try DockerfileParser.parse([UInt8](repeating: 0x41, count: DockerfileParser.maxBytes + 1))
        }
        let crlf = try DockerfileParser.parse("\u{FEFF}FROM a:1\r\nRUN a \\\r\n  b\r\n")
        #expect(crlf.instructions.map(\.keyword) == ["FROM", "RUN"])
        #expect(crlf.instructions[1].arguments == "a   b")
    }
}
