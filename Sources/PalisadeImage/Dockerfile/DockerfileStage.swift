/// One build stage: a `FROM` and the instructions up to the next `FROM`.
public struct DockerfileStage: Sendable, Hashable {
    /// 0-based position among the stages (what `COPY --from=0` refers to).
    public var index: Int
    /// `FROM image AS name`: the name, lower-cased as BuildKit compares it.
    public var name: String?
    /// The `FROM` instruction itself.
    public var from: DockerfileInstruction
    /// The image as written (`${BASE}:${TAG}`).
    public var baseImageWritten: String
    /// The image with global `ARG` defaults substituted; nil when a variable has no default.
    public var baseImage: String?
    /// Set when the base is an earlier stage (`FROM builder`): that stage's index.
    public var baseStage: Int?
    /// Instructions after the `FROM`, in order.
    public var instructions: [DockerfileInstruction]

    public init(
        index: Int, name: String?, from: DockerfileInstruction, baseImageWritten: String, baseImage: String?,
        baseStage: Int?, instructions: [DockerfileInstruction]
    ) {
        self.index = index
        self.name = name
        self.from = from
        self.baseImageWritten = baseImageWritten
        self.baseImage = baseImage
        self.baseStage = baseStage
        self.instructions = instructions
    }

    /// `FROM scratch`: an empty base.
    public var isScratch: Bool { baseImage?.lowercased() == "scratch" }
}
