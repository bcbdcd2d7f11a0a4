import Foundation
import Testing

/// `palisade dockerfile` end to end, and Dockerfiles found by `palisade k8s`.
@Suite("palisade dockerfile")
struct DockerfileCommandTests {
    static let clean = """
        FROM alpine:3.20@sha256:0000000000000000000000000000000000000000000000000000000000000000
        RUN apk add --no-cache curl
        USER 10001
        HEALTHCHECK CMD ["true"]
        ENTRYPOINT ["/app"]

        """

    static let bad = """
        FROM ubuntu
        RUN curl -fsSL https://example.com/install.sh \\
            | bash
        COPY . /app

        """

    static func findings(_ run: CLIRunner.Run) throws -> [[String: Any]] {
        try #require(run.json?["findings"] as? [[String: Any]], "stdout: \(run.stdout) stderr: \(run.stderr)")
    }

    @Test("exit code is 0 for findings unless --exit-code is set")
    func exitCodes() throws {
        let s = try Scratch()
        let bad = try s.write("bad/Dockerfile", Self.bad)
        let good = try s.write("good/Dockerfile", Self.clean)
        #expect(try CLIRunner.run(["dockerfile", bad]).status == 0)
        #expect(try CLIRunner.run(["dockerfile", bad, "--exit-code", "3"]).status == 3)
        let cleanRun = try CLIRunner.run(["dockerfile", good, "--exit-code", "1"])
        #expect(cleanRun.status == 0, "\(cleanRun.stdout)")
    }

    @Test("JSON findings carry rule, file, exact line and stage path")
    func json() throws {
        let s = try Scratch()
        let bad = try s.write("Dockerfile", Self.bad)
        let run = try CLIRunner.run(["dockerfile", bad, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let found = try Self.findings(run)
        let pipe = try #require(found.first { $0["ruleId"] as? String == "DF-PIPE-TO-SHELL" })
        let location = try #require(pipe["location"] as? [String: Any])
        #expect(location["file"] as? String == bad)
        #expect(location["line"] as? Int == 3)
        #expect(location["path"] as? String == "stage[0].RUN")
        let ids = Set(found.compactMap { $0["ruleId"] as? String })
        #expect(ids.isSuperset(of: ["DF-BASE-LATEST", "DF-USER-ROOT", "DF-COPY-ALL-NO-DOCKERIGNORE"]))
    }

    @Test("a .dockerignore that excludes secrets silences the whole-context copy finding")
    func dockerignore() throws {
        let s = try Scratch()
        let bad = try s.write("Dockerfile", Self.bad)
        try s.write(".dockerignore", "**/.git\n**/.env\n**/*.pem\n**/*.key\n**/id_rsa*\n")
        let found = try Self.findings(try CLIRunner.run(["dockerfile", bad, "--format", "json"]))
        #expect(!found.contains { $0["ruleId"] as? String == "DF-COPY-ALL-NO-DOCKERIGNORE" })
    }

    @Test("directories are searched for Dockerfile, Dockerfile.*, *.Dockerfile and Containerfile")
    func discovery() throws {
        let s = try Scratch()
        for name in ["Dockerfile", "svc/Dockerfile.dev", "svc/api.Dockerfile", "Containerfile", "deep/a/b/Dockerfile"] {
            try s.write("ctx/" + name, "FROM ubuntu\n")
        }
        try s.write("ctx/Dockerfile.dockerignore", "FROM ubuntu\n")
        try s.write("ctx/notes.txt", "FROM ubuntu\n")
        try s.write("ctx/.hidden/Dockerfile", "FROM ubuntu\n")
        let run = try CLIRunner.run(["dockerfile", s.path("ctx"), "--format", "json", "--rule", "DF-BASE-LATEST"])
        let files = try Self.findings(run).compactMap { ($0["location"] as? [String: Any])?["file"] as? String }
        #expect(
            files.map { String($0.dropFirst(s.path("ctx").count + 1)) }.sorted() == [
                "Containerfile", "Dockerfile", "deep/a/b/Dockerfile", "svc/Dockerfile.dev", "svc/api.Dockerfile",
            ])
    }

    @Test("- reads stdin; the .dockerignore check is skipped for it")
    func standardInput() throws {
        let run = try CLIRunner.run(["dockerfile", "-", "--format", "json"], stdin: Self.bad)
        let found = try Self.findings(run)
        #expect(found.contains { $0["ruleId"] as? String == "DF-PIPE-TO-SHELL" })
        #expect(!found.contains { $0["ruleId"] as? String == "DF-COPY-ALL-NO-DOCKERIGNORE" })
    }

    @Test("input errors exit 2 with one clear line each; other files are still checked")
    func inputErrors() throws {
        let s = try Scratch()
        let broken = try s.write("broken/Dockerfile", "FROM a:1\nRUN <<EOF\necho never closed\n")
        let bad = try s.write("bad/Dockerfile", Self.bad)
        let run = try CLIRunner.run(["dockerfile", broken, bad, s.path("missing"), "--format", "json"])
        #expect(run.status == 2)
        #expect(run.stderrLines.contains("\(broken):2: unterminated heredoc <<EOF: no line 'EOF' closes it"))
        #expect(run.stderrLines.contains("\(s.path("missing")): no such file or directory"))
        #expect(!(try Self.findings(run)).isEmpty)

        let unknown = try CLIRunner.run(["dockerfile", bad, "--rule", "DF-PIPE-TO-SHEL"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'DF-PIPE-TO-SHELL'?"))
    }

    @Test("--severity, --skip-rule and SARIF work as for k8s")
    func filtersAndFormats() throws {
        let s = try Scratch()
        let bad = try s.write("Dockerfile", Self.bad)
        let high = try Self.findings(try CLIRunner.run(["dockerfile", bad, "--format", "json", "--severity", "HIGH"]))
        #expect(high.compactMap { $0["ruleId"] as? String } == ["DF-PIPE-TO-SHELL"])
        let skipped = try CLIRunner.run(["dockerfile", bad, "--skip-rule", "DF-*", "--exit-code", "1"])
        #expect(skipped.status == 0)
        let sarif = try CLIRunner.run(["dockerfile", bad, "--format", "sarif"])
        #expect(sarif.status == 0 && sarif.stdout.contains("\"DF-PIPE-TO-SHELL\""))
    }

    @Test("palisade k8s checks Dockerfiles in scanned directories unless --no-dockerfiles")
    func k8sDiscovery() throws {
        let s = try Scratch()
        try s.write("repo/deploy/pod.yaml", Manifests.pod(privileged: true))
        let dockerfile = try s.write("repo/app/Dockerfile", Self.bad)
        let run = try CLIRunner.run(["k8s", s.path("repo"), "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let found = try Self.findings(run)
        #expect(found.contains { $0["ruleId"] as? String == "K8S-PSS-PRIVILEGED" })
        let pipe = try #require(found.first { $0["ruleId"] as? String == "DF-PIPE-TO-SHELL" })
        #expect((pipe["location"] as? [String: Any])?["file"] as? String == dockerfile)

        let off = try Self.findings(try CLIRunner.run(["k8s", s.path("repo"), "--format", "json", "--no-dockerfiles"]))
        #expect(!off.contains { ($0["ruleId"] as? String)?.hasPrefix("DF-") == true })
        #expect(off.contains { $0["ruleId"] as? String == "K8S-PSS-PRIVILEGED" })

        let selected = try Self.findings(
            try CLIRunner.run(["k8s", s.path("repo"), "--format", "json", "--rule", "DF-PIPE-TO-SHELL"]))
        #expect(selected.compactMap { $0["ruleId"] as? String } == ["DF-PIPE-TO-SHELL"])
    }
}
