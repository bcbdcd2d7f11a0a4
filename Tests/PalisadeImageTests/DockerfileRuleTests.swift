import PalisadeCore
import PalisadeImage
import Testing

/// Every DF-* rule, positive and negative: each case lists the (rule, line) findings of that
/// rule on a small Dockerfile.
@Suite("Dockerfile rules")
struct DockerfileRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var dockerfile: String
        var lines: [Int]
        var dockerignore: DockerignoreStatus = .unknown
        var testDescription: String { "\(rule) \(lines.isEmpty ? "negative" : "positive"): \(dockerfile.prefix(60))" }
    }

    static func findings(_ text: String, _ ignore: DockerignoreStatus = .unknown) throws -> [Finding] {
        DockerfileAnalyzer().analyze(try DockerfileParser.parse(text), file: "Dockerfile", dockerignore: ignore)
    }

    static let cases: [Case] = [
        // Base image
        Case(rule: "DF-BASE-LATEST", dockerfile: "FROM ubuntu\n", lines: [1]),
        Case(rule: "DF-BASE-LATEST", dockerfile: "FROM ubuntu:latest AS a\nFROM a\n", lines: [1]),
        Case(rule: "DF-BASE-LATEST", dockerfile: "ARG T=latest\nFROM nginx:${T}\n", lines: [2]),
        Case(rule: "DF-BASE-LATEST", dockerfile: "FROM ubuntu:24.04\n", lines: []),
        Case(rule: "DF-BASE-LATEST", dockerfile: "ARG T\nFROM nginx:${T}\nFROM $IMG\nFROM scratch\n", lines: []),
        Case(rule: "DF-BASE-LATEST", dockerfile: "FROM localhost:5000/app@sha256:0123\n", lines: []),
        Case(rule: "DF-BASE-NOT-PINNED", dockerfile: "FROM python:3.13-slim\n", lines: [1]),
        Case(rule: "DF-BASE-NOT-PINNED", dockerfile: "FROM python:3.13-slim@sha256:abcd\n", lines: []),
        Case(rule: "DF-BASE-NOT-PINNED", dockerfile: "FROM ubuntu\n", lines: []),
        // User
        Case(rule: "DF-USER-ROOT", dockerfile: "FROM a:1\nRUN x\n", lines: [1]),
        Case(rule: "DF-USER-ROOT", dockerfile: "FROM a:1\nUSER app\nUSER root:root\n", lines: [3]),
        Case(rule: "DF-USER-ROOT", dockerfile: "FROM a:1 AS b\nUSER 1000\nFROM a:1\nUSER 0\n", lines: [4]),
        Case(rule: "DF-USER-ROOT", dockerfile: "FROM a:1\nUSER root\nRUN x\nUSER 10001:10001\n", lines: []),
        Case(rule: "DF-USER-ROOT", dockerfile: "FROM a:1 AS base\nUSER app\nFROM base\nRUN x\n", lines: []),
        Case(rule: "DF-USER-ROOT", dockerfile: "FROM gcr.io/distroless/static:nonroot\n", lines: []),
        Case(rule: "DF-USER-ROOT", dockerfile: "FROM a:1\nUSER ${APP_UID}\n", lines: []),
        // ADD
        Case(
            rule: "DF-ADD-INSTEAD-OF-COPY", dockerfile: "FROM a:1\nADD app.py /app/\nADD <<EOF /x\nhi\nEOF\n",
            lines: [2, 3]),
        Case(
            rule: "DF-ADD-INSTEAD-OF-COPY", dockerfile: "FROM a:1\nADD rootfs.tar.xz /\nADD https://x/y /\nCOPY a /b\n",
            lines: []),
        Case(rule: "DF-ADD-REMOTE", dockerfile: "FROM a:1\nADD https://example.com/tool.tgz /opt/\n", lines: [2]),
        Case(
            rule: "DF-ADD-REMOTE", dockerfile: "FROM a:1\nADD --checksum=sha256:ab https://e.com/t /opt/\n", lines: []),
        // RUN: pipe to shell
        Case(
            rule: "DF-PIPE-TO-SHELL",
            dockerfile: "FROM a:1\nRUN set -e \\\n && curl -fsSL https://x/i.sh \\\n  | sudo bash -s -- -y\n",
            lines: [4]),
        Case(rule: "DF-PIPE-TO-SHELL", dockerfile: "FROM a:1\nRUN wget -qO- https://x | sh\n", lines: [2]),
        Case(rule: "DF-PIPE-TO-SHELL", dockerfile: "FROM a:1\nRUN sh -c \"$(curl -fsSL https://x)\"\n", lines: [2]),
        Case(
            rule: "DF-PIPE-TO-SHELL", dockerfile: "FROM a:1\nRUN <<EOF\nset -e\ncurl -sL https://x | python3 -\nEOF\n",
            lines: [4]),
        Case(
            rule: "DF-PIPE-TO-SHELL", dockerfile: "FROM a:1\nRUN [\"/bin/sh\", \"-c\", \"curl x | bash\"]\n", lines: [2]
        ),
        Case(rule: "DF-PIPE-TO-SHELL", dockerfile: "FROM a:1\nONBUILD RUN curl x | sh\n", lines: [2]),
        Case(
            rule: "DF-PIPE-TO-SHELL",
            dockerfile: """
                FROM a:1
                RUN curl -fsSL https://x/k.tgz | tar xz -C /opt
                RUN curl -s https://api/x | python3 -c 'import json,sys; print(1)'
                RUN curl -o i.sh https://x && echo 'abc  i.sh' | sha256sum -c - && sh i.sh
                RUN echo "curl x | sh"
                RUN python3 <<EOF
                import os  # curl x | sh
                EOF

                """,
            lines: []),
        // RUN: package managers (only stages that ship)
        Case(
            rule: "DF-APT-NO-RECOMMENDS",
            dockerfile: "FROM a:1\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
            lines: [2]),
        Case(
            rule: "DF-APT-NO-RECOMMENDS",
            dockerfile: """
                FROM a:1 AS build
                RUN apt-get install -y gcc
                FROM a:1
                RUN apt-get install -y --no-install-recommends curl
                RUN apt install -o APT::Install-Recommends=false -y git

                """,
            lines: []),
        Case(
            rule: "DF-APT-CACHE",
            dockerfile: "FROM a:1\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n", lines: [2]),
        Case(
            rule: "DF-APT-CACHE",
            dockerfile: """
                FROM a:1
                RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
                RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y --no-install-recommends git

                """,
            lines: []),
        Case(rule: "DF-APT-UPDATE-ALONE", dockerfile: "FROM a:1\nRUN apt-get update\nRUN apk update\n", lines: [2, 3]),
        Case(
            rule: "DF-APT-UPDATE-ALONE", dockerfile: "FROM a:1\nRUN apt-get -q update && apt-get -y upgrade\n",
            lines: []),
        Case(rule: "DF-APK-NO-CACHE", dockerfile: "FROM alpine:3\nRUN apk add curl\n", lines: [2]),
        Case(
            rule: "DF-APK-NO-CACHE",
            dockerfile: "FROM alpine:3\nRUN apk add --no-cache curl\nRUN apk add git && rm -rf /var/cache/apk/*\n",
            lines: []),
        Case(
            rule: "DF-PIP-NO-CACHE", dockerfile: "FROM p:3\nRUN pip3 install flask\nRUN python -m pip install x\n",
            lines: [2, 3]),
        Case(
            rule: "DF-PIP-NO-CACHE",
            dockerfile: """
                FROM p:3 AS build
                RUN pip install wheel
                FROM p:3
                RUN pip install --no-cache-dir flask
                RUN --mount=type=cache,target=/root/.cache/pip pip install x
                RUN pip download x

                """,
            lines: []),
        Case(
            rule: "DF-PIP-NO-CACHE", dockerfile: "FROM p:3\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n", lines: []),
        // RUN: other
        Case(rule: "DF-SUDO", dockerfile: "FROM a:1\nRUN sudo apt-get update\n", lines: [2]),
        Case(rule: "DF-SUDO", dockerfile: "FROM a:1\nRUN apt-get install -y sudo && echo 'sudo ok'\n", lines: []),
        Case(rule: "DF-CD-IN-RUN", dockerfile: "FROM a:1\nRUN cd /src && make\n", lines: [2]),
        Case(rule: "DF-CD-IN-RUN", dockerfile: "FROM a:1\nWORKDIR /src\nRUN make\n", lines: []),
        Case(
            rule: "DF-CHMOD-777",
            dockerfile: "FROM a:1\nRUN chmod -R 777 /app\nRUN chmod o+w /x\nCOPY --chmod=666 a /a\n", lines: [2, 3, 4]),
        Case(
            rule: "DF-CHMOD-777", dockerfile: "FROM a:1\nRUN chmod 1777 /tmp && chmod 755 /a && chmod u+w /b\n",
            lines: []),
        // Secrets
        Case(
            rule: "DF-SECRET-IN-ARG-ENV",
            dockerfile: """
                ARG NPM_TOKEN=abcd1234efgh
                FROM a:1
                ENV DB_PASSWORD=hunter2 DB_HOST=db
                ENV AWS_KEY AKIAIOSFODNN7EXAMPLE
                ARG DB_PASS=s3cret

                """,
            lines: [1, 3, 4, 5]),
        Case(
            rule: "DF-SECRET-IN-ARG-ENV",
            dockerfile: """
                FROM a:1
                ARG GITHUB_TOKEN
                ENV API_TOKEN=${API_TOKEN} PASSWORD=
                ENV POSTGRES_PASSWORD_FILE=/run/secrets/pw GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
                ENV ALLOW_EMPTY_PASSWORD=yes

                """,
            lines: []),
        // Context
        Case(
            rule: "DF-COPY-ALL-NO-DOCKERIGNORE", dockerfile: "FROM a:1\nCOPY . /app\n", lines: [2],
            dockerignore: .missing),
        Case(
            rule: "DF-COPY-ALL-NO-DOCKERIGNORE", dockerfile: "FROM a:1\nCOPY . .\n", lines: [2],
            dockerignore: .present("node_modules\n.git\n")),
        Case(
            rule: "DF-COPY-ALL-NO-DOCKERIGNORE", dockerfile: "FROM a:1\nCOPY . .\n", lines: [],
            dockerignore: .present(".git\n.env\n*.pem\n*.key\nid_rsa*\n")),
        Case(
            rule: "DF-COPY-ALL-NO-DOCKERIGNORE", dockerfile: "FROM a:1\nCOPY . .\n", lines: [],
            dockerignore: .present("*\n!src/\n!package.json\n")),
        Case(
            rule: "DF-COPY-ALL-NO-DOCKERIGNORE",
            dockerfile: "FROM a:1 AS b\nCOPY . .\nFROM a:1\nCOPY --from=b /out /out\nCOPY src/ /src/\n", lines: [],
            dockerignore: .missing),
        Case(
            rule: "DF-COPY-ALL-NO-DOCKERIGNORE", dockerfile: "FROM a:1\nCOPY . .\n", lines: [], dockerignore: .unknown),
        // Instructions
        Case(rule: "DF-EXPOSE-SSH", dockerfile: "FROM a:1\nEXPOSE 80 22\nEXPOSE 20-25/tcp\n", lines: [2, 3]),
        Case(rule: "DF-EXPOSE-SSH", dockerfile: "FROM a:1\nEXPOSE 2222 22/udp 8022\n", lines: []),
        Case(rule: "DF-NO-HEALTHCHECK", dockerfile: "FROM a:1 AS b\nHEALTHCHECK CMD x\nFROM a:1\n", lines: [3]),
        Case(rule: "DF-NO-HEALTHCHECK", dockerfile: "FROM a:1\nHEALTHCHECK NONE\n", lines: []),
        Case(
            rule: "DF-NO-HEALTHCHECK", dockerfile: "FROM a:1 AS b\nHEALTHCHECK --interval=5s CMD x\nFROM b\n", lines: []
        ),
        Case(rule: "DF-MAINTAINER-DEPRECATED", dockerfile: "FROM a:1\nMAINTAINER Jane <j@x>\n", lines: [2]),
        Case(rule: "DF-MAINTAINER-DEPRECATED", dockerfile: "FROM a:1\nLABEL maintainer=jane\n", lines: []),
        Case(rule: "DF-WORKDIR-RELATIVE", dockerfile: "FROM a:1\nWORKDIR app\n", lines: [2]),
        Case(
            rule: "DF-WORKDIR-RELATIVE", dockerfile: "FROM a:1\nWORKDIR /app\nWORKDIR $HOME\nWORKDIR C:\\\\app\n",
            lines: []),
        Case(rule: "DF-MULTIPLE-CMD", dockerfile: "FROM a:1\nCMD [\"a\"]\nCMD [\"b\"]\n", lines: [2]),
        Case(rule: "DF-MULTIPLE-CMD", dockerfile: "FROM a:1 AS x\nCMD [\"a\"]\nFROM a:1\nCMD [\"b\"]\n", lines: []),
        Case(
            rule: "DF-MULTIPLE-ENTRYPOINT", dockerfile: "FROM a:1\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", lines: [2]
        ),
        Case(rule: "DF-MULTIPLE-ENTRYPOINT", dockerfile: "FROM a:1\nENTRYPOINT [\"a\"]\nCMD [\"b\"]\n", lines: []),
        Case(rule: "DF-SHELL-FORM-ENTRYPOINT", dockerfile: "FROM a:1\nENTRYPOINT /app/run --x\n", lines: [2]),
        Case(rule: "DF-SHELL-FORM-ENTRYPOINT", dockerfile: "FROM a:1\nCMD nginx -g 'daemon off;'\n", lines: [2]),
        Case(rule: "DF-SHELL-FORM-ENTRYPOINT", dockerfile: "FROM a:1\nENTRYPOINT [\"/app\"]\nCMD --help\n", lines: []),
    ]

    @Test(arguments: cases)
    func rule(_ c: Case) throws {
        let found = try Self.findings(c.dockerfile, c.dockerignore).filter { $0.ruleId == c.rule }
        #expect(found.map(\.location.line) == c.lines, "\(found.map(\.message))")
    }

    @Test("every rule has a positive and a negative case")
    func coverage() {
        for rule in DockerfileRules.all {
            #expect(Self.cases.contains { $0.rule == rule.id && !$0.lines.isEmpty }, "\(rule.id) has no positive case")
            #expect(Self.cases.contains { $0.rule == rule.id && $0.lines.isEmpty }, "\(rule.id) has no negative case")
        }
    }

    @Test("locations: file, column 1, stage path, stage object; ONBUILD path")
    func locations() throws {
        let found = try Self.findings("FROM a:1 AS web\nONBUILD RUN curl x | sh\nUSER root\n")
        let pipe = try #require(found.first { $0.ruleId == "DF-PIPE-TO-SHELL" })
        #expect(pipe.location == Location(file: "Dockerfile", line: 2, column: 1, path: "stage[0].ONBUILD.RUN"))
        #expect(pipe.object?.displayName == "Stage/web")
        let user = try #require(found.first { $0.ruleId == "DF-USER-ROOT" })
        #expect(user.location.path == "stage[0].USER")
        let global = try Self.findings("ARG TOKEN=abcdefgh12345678\nFROM a:1\n").first {
            $0.ruleId == "DF-SECRET-IN-ARG-ENV"
        }
        #expect(global?.location.path == "ARG")
        #expect(global?.object == nil)
    }

    @Test("secret values are redacted in messages and evidence")
    func redaction() throws {
        let secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
        let found = try Self.findings("FROM a:1\nENV X=\(secret) DB_PASSWORD=correcthorsebattery\n")
            .filter { $0.ruleId == "DF-SECRET-IN-ARG-ENV" }
        #expect(found.count == 2)
        for finding in found {
            #expect(!finding.message.contains(secret) && !finding.message.contains("correcthorse"))
            #expect(!(finding.evidence ?? "").contains("abcdefgh") && !(finding.evidence ?? "").contains("horse"))
        }
        #expect(found[0].evidence?.hasPrefix("X=ghp_") == true)
    }

    @Test("rule metadata: unique DF- ids, why and remediation, NIST image")
    func metadata() {
        #expect(Set(DockerfileRules.all.map(\.id)).count == DockerfileRules.all.count)
        for rule in DockerfileRules.all {
            #expect(rule.id.hasPrefix("DF-") && !rule.why.isEmpty && !rule.remediation.isEmpty)
            #expect(rule.frameworks.nist == [.image])
        }
    }
}
