/// DF-SECRET-IN-ARG-ENV: credentials baked into `ARG` defaults and `ENV` values.
///
/// Two signals: a variable *named* like a credential (`DB_PASSWORD`, `API_TOKEN`) with a
/// literal value, or a value *shaped* like a known token (`AKIA…`, `ghp_…`, a PEM private
/// key) whatever the name. References (`${TOKEN}`), empty values, booleans, and names that
/// point at a secret rather than hold it (`…_FILE`, `…_PATH`, `…_URL`) are not reported.
/// `KEY` alone is not a trigger (`GPG_KEY` holds a public fingerprint in official images).
/// Values are never printed whole.
enum SecretChecks {
    private static let nameTriggers = [
        "password", "passwd", "secret", "token", "credential", "apikey", "api_key", "private_key", "privatekey",
        "access_key", "secret_key", "auth_key", "signing_key", "encryption_key", "client_secret",
    ]
    private static let nameTokenTriggers: Set<String> = ["pass", "pwd", "pw"]
    private static let pointerSuffixes = [
        "_file", "_path", "_dir", "_url", "_uri", "_name", "_user", "_username", "_length", "_len", "_version",
        "_type", "_method", "_id", "_env", "_var", "_header", "_mode", "_ttl", "_expiry", "_endpoint", "_host",
    ]
    private static let harmlessValues: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "0", "1", "none", "null", "nil", "empty", "changeit?",
    ]

    static func run(_ context: DockerfileCheckContext, _ sink: inout DockerfileFindingSink) {
        for instruction in context.dockerfile.globalArguments { check(instruction, nil, "ARG", context, &sink) }
        for (stage, instruction, prefix) in context.stageInstructions
        where instruction.keyword == "ARG" || instruction.keyword == "ENV" {
            check(instruction, stage, prefix + instruction.keyword, context, &sink)
        }
    }

    private static func check(
        _ instruction: DockerfileInstruction, _ stage: DockerfileStage?, _ keyword: String,
        _ context: DockerfileCheckContext, _ sink: inout DockerfileFindingSink
    ) {
        for variable in DockerfileVariable.parse(instruction, escape: context.escape) {
            guard let value = variable.value, !value.isEmpty else { continue }
            if let token = TokenShapes.first(in: value) {
                sink.add(
                    DockerfileRules.secretInArgEnv,
                    "\(instruction.keyword) \(variable.name) holds what looks like \(token.kind).", stage: stage,
                    keyword: keyword, line: instruction.line, evidence: "\(variable.name)=\(redact(token.match))")
                continue
            }
            guard namesSecret(variable.name), isLiteral(variable) else { continue }
            sink.add(
                DockerfileRules.secretInArgEnv,
                "\(instruction.keyword) \(variable.name) sets a literal credential that is stored in the image.",
                stage: stage, keyword: keyword, line: instruction.line, evidence: "\(variable.name)=\(redact(value))")
        }
    }

    static func namesSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        if pointerSuffixes.contains(where: lower.hasSuffix) || lower.contains("public") { return false }
        if nameTriggers.contains(where: lower.contains) { return true }
        return lower.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).contains {
            nameTokenTriggers.contains(String($0))
        }
    }

    private static func isLiteral(_ variable: DockerfileVariable) -> Bool {
        guard let value = variable.value else { return false }
        if (variable.rawValue ?? value).contains("$") { return false }
        return !harmlessValues.contains(value.lowercased())
    }

    /// Keeps a short prefix of long values only: `ghp_************`, `s3cr*****`, `*****`.
    static func redact(_ value: String) -> String {
        let shown = value.count >= 16 ? 4 : value.count >= 8 ? 2 : 0
        return String(value.prefix(shown)) + String(repeating: "*", count: min(max(value.count - shown, 4), 12))
    }
}
