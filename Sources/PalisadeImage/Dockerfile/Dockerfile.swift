/// A parsed Dockerfile (or Containerfile): its parser directives and instructions in order,
/// with the exact lines they came from, grouped into build stages.
///
/// Parsing follows BuildKit's front end (the `dockerfile` frontend), not the legacy builder,
/// because that is what `docker build` runs today: heredocs, `# escape=`, comment and blank
/// lines inside continuations, and `--mount`/`--chmod` flags are all accepted.
public struct Dockerfile: Sendable, Hashable {
    /// Parser directives from the top of the file (`syntax`, `escape`, `check`), lower-cased keys.
    public var directives: [String: String]
    /// The line-continuation character: `\` by default, or a backtick (`# escape=``).
    public var escapeCharacter: Character
    /// Every instruction in file order, including `ARG`s before the first `FROM`.
    public var instructions: [DockerfileInstruction]
    /// Build stages, one per `FROM`, in order.
    public var stages: [DockerfileStage]
    /// `ARG`s declared before the first `FROM`: they can only be used in `FROM` lines.
    public var globalArguments: [DockerfileInstruction] {
        instructions.prefix { $0.keyword != "FROM" }.filter { $0.keyword == "ARG" }
    }

    public init(
        directives: [String: String], escapeCharacter: Character, instructions: [DockerfileInstruction],
        stages: [DockerfileStage]
    ) {
        self.directives = directives
        self.escapeCharacter = escapeCharacter
        self.instructions = instructions
        self.stages = stages
    }

    /// The stage that `docker build` produces by default (the last one).
    public var finalStage: DockerfileStage? { stages.last }
}
