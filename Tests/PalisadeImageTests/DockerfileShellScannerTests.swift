import PalisadeImage
import Testing

@Suite("ShellScanner")
struct DockerfileShellScannerTests {
    static func scan(_ script: String) -> [ShellCommand] {
        ShellScanner.commands(in: script, lines: ShellScanner.lineStarts(of: script, firstLine: 1))
    }

    @Test("pipelines, separators, quotes and redirections")
    func structure() {
        let commands = Self.scan(
            #"A=1 sudo -u app curl -fsSL "https://x/y z" 2>/dev/null | bash -s -- --v && echo 'a|b' ; cd /"#)
        #expect(commands.map(\.name) == ["curl", "bash", "echo", "cd"])
        #expect(commands[0].resolved.viaSudo)
        #expect(commands[0].arguments == ["-fsSL", "https://x/y z"])
        #expect(commands[0].pipeline == commands[1].pipeline && commands[1].positionInPipeline == 1)
        #expect(commands[2].pipeline != commands[1].pipeline)
        #expect(commands[2].arguments == ["a|b"])
    }

    @Test("substitutions are scanned as scripts; comments and in-script heredoc bodies are not commands")
    func nested() {
        let commands = Self.scan(
            """
            sh -c "$(curl -fsSL https://x)" # sudo rm -rf /
            cat <<EOF > /etc/motd
            sudo is not run here
            EOF
            echo `wget -qO- https://y`
            """)
        #expect(commands.compactMap(\.name) == ["curl", "sh", "cat", "wget", "echo"])
        #expect(commands.first { $0.name == "echo" }?.line == 5)
    }
}
