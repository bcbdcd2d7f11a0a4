/// DF-BASE-LATEST and DF-BASE-NOT-PINNED: what each `FROM` builds on.
///
/// Stages built from earlier stages and `scratch` are skipped, and so are images whose name
/// needs a variable without a default (`FROM ${BASE}` with `ARG BASE`): the build decides,
/// and claiming "latest" would be a guess. An untagged or `latest` image gets only
/// DF-BASE-LATEST (its fix includes pinning); a tagged image without a digest gets DF-BASE-NOT-PINNED.
enum BaseImageChecks {
    static func run(_ context: DockerfileCheckContext, _ sink: inout DockerfileFindingSink) {
        for stage in context.dockerfile.stages where stage.baseStage == nil && !stage.isScratch {
            guard let image = stage.baseImage, !image.isEmpty else { continue }
            let reference = BaseImageName(image)
            if reference.digest != nil { continue }
            let line = stage.from.line
            if reference.tag == nil || reference.tag == "latest" {
                let what = reference.tag == nil ? "has no tag, so it means :latest" : "uses the :latest tag"
                sink.add(
                    DockerfileRules.baseLatest, "Base image '\(image)' \(what).", stage: stage, keyword: "FROM",
                    line: line)
            } else {
                sink.add(
                    DockerfileRules.baseNotPinned, "Base image '\(image)' is pinned by tag only, not by digest.",
                    stage: stage, keyword: "FROM", line: line)
            }
        }
    }
}
