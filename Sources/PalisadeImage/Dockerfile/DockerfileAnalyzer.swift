import PalisadeCore

/// What is known about the build context's `.dockerignore`.
public enum DockerignoreStatus: Sendable, Hashable {
    /// The context is unknown (Dockerfile read from stdin): context checks are skipped.
    case unknown
    /// No `.dockerignore` (nor `<Dockerfile>.dockerignore`) next to the Dockerfile.
    case missing
    /// Its contents.
    case present(String)
}

/// Runs every `DF-*` rule over a parsed Dockerfile. Pure: the caller reads the files.
///
/// Locations: `file` as given, `line` = the instruction's first line (for shell commands
/// inside a multi-line `RUN` or a heredoc, the line of the command itself), column 1, and
/// `path` = `stage[N].KEYWORD` (0-based stage index; `ONBUILD.RUN` for triggers; plain
/// `ARG` for global args before the first `FROM`). Findings of a stage carry the object
/// `Stage/<name or index>`.
public struct DockerfileAnalyzer: Sendable {
    public init() {}

    public func analyze(_ dockerfile: Dockerfile, file: String, dockerignore: DockerignoreStatus = .unknown)
        -> [Finding]
    {
        var sink = DockerfileFindingSink(file: file)
        let context = DockerfileCheckContext(dockerfile: dockerfile, dockerignore: dockerignore)
        BaseImageChecks.run(context, &sink)
        StageChecks.run(context, &sink)
        SourceChecks.run(context, &sink)
        RunChecks.run(context, &sink)
        SecretChecks.run(context, &sink)
        var findings = sink.findings
        findings.sortForReport()
        return findings
    }
}

/// Shared facts the checks need: stages, which stages end up in the image, RUN scripts.
struct DockerfileCheckContext {
    let dockerfile: Dockerfile
    let dockerignore: DockerignoreStatus
    /// Indices of the final stage and the stages it is built `FROM` (their files ship).
    let shippedStages: Set<Int>
    /// The final stage, then its base stage, and so on.
    let finalChain: [DockerfileStage]

    init(dockerfile: Dockerfile, dockerignore: DockerignoreStatus) {
        self.dockerfile = dockerfile
        self.dockerignore = dockerignore
        var chain: [DockerfileStage] = []
        var next = dockerfile.stages.last
        while let stage = next, !chain.contains(where: { $0.index == stage.index }) {
            chain.append(stage)
            next = stage.baseStage.map { dockerfile.stages[$0] }
        }
        finalChain = chain
        shippedStages = Set(chain.map(\.index))
    }

    var escape: Character { dockerfile.escapeCharacter }

    /// Every instruction of every stage with its stage, ONBUILD triggers included (`ONBUILD.` path prefix).
    var stageInstructions: [(stage: DockerfileStage, instruction: DockerfileInstruction, prefix: String)] {
        var out: [(DockerfileStage, DockerfileInstruction, String)] = []
        for stage in dockerfile.stages {
            for instruction in stage.instructions {
                out.append((stage, instruction, ""))
                for inner in instruction.triggered { out.append((stage, inner, "ONBUILD.")) }
            }
        }
        return out
    }

    /// The last instruction with `keyword` in the final stage or the stages it inherits from.
    func lastInFinalChain(_ keyword: String) -> (DockerfileStage, DockerfileInstruction)? {
        for stage in finalChain {
            if let found = stage.instructions.last(where: { $0.keyword == keyword }) { return (stage, found) }
        }
        return nil
    }
}

/// Collects findings with consistent locations and objects.
struct DockerfileFindingSink {
    let file: String
    var findings: [Finding] = []

    mutating func add(
        _ rule: RuleMetadata, _ message: String, stage: DockerfileStage?, keyword: String, line: Int,
        evidence: String? = nil
    ) {
        let object = stage.map {
            ObjectReference(apiVersion: "dockerfile", kind: "Stage", namespace: nil, name: $0.name ?? "\($0.index)")
        }
        let path = stage.map { "stage[\($0.index)].\(keyword)" } ?? keyword
        findings.append(
            Finding(
                rule: rule, message: message, object: object,
                location: Location(file: file, line: line, column: 1, path: path), evidence: evidence))
    }
}
