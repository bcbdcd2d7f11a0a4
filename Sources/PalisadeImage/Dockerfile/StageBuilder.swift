/// Groups instructions into stages and resolves each `FROM` image with the global `ARG` defaults.
enum StageBuilder {
    static func stages(from instructions: [DockerfileInstruction], escape: UInt8) -> [DockerfileStage] {
        let escapeCharacter = Character(UnicodeScalar(escape))
        var globals: [String: String?] = [:]
        var stages: [DockerfileStage] = []
        for instruction in instructions {
            if instruction.keyword == "FROM" {
                stages.append(stage(instruction, index: stages.count, globals: globals, earlier: stages))
            } else if stages.isEmpty {
                if instruction.keyword == "ARG" {
                    for variable in DockerfileVariable.parse(instruction, escape: escapeCharacter) {
                        // An ARG without a default only declares the name; a --build-arg sets it.
                        let value = variable.value.flatMap { VariableSubstitution.expand($0, globals) }
                        globals[variable.name] = .some(value)
                    }
                }
            } else {
                stages[stages.count - 1].instructions.append(instruction)
            }
        }
        return stages
    }

    private static func stage(
        _ from: DockerfileInstruction, index: Int, globals: [String: String?], earlier: [DockerfileStage]
    ) -> DockerfileStage {
        let words = DockerfileWords.split(from.arguments)
        let written = words.first?.text ?? ""
        var name: String?
        if words.count >= 3, words[1].text.uppercased() == "AS" { name = words[2].text.lowercased() }
        let resolved = VariableSubstitution.expand(written, globals)
        let baseStage = resolved.flatMap { image in earlier.last { $0.name == image.lowercased() }?.index }
        return DockerfileStage(
            index: index, name: name, from: from, baseImageWritten: written, baseImage: resolved,
            baseStage: baseStage, instructions: [])
    }
}
