import Foundation
import PalisadeCore
import PalisadeFormats

/// Reads Dockerfiles (and the `.dockerignore` of their directory) from disk and analyzes them:
/// the one entry point `palisade dockerfile` and `palisade k8s` share.
public struct DockerfileFileScanner: Sendable {
    public var selection: RuleSelection
    public var analyzer = DockerfileAnalyzer()

    public init(selection: RuleSelection = .all) {
        self.selection = selection
    }

    /// Findings of every input (`-` reads stdin; the build context is then unknown) and one
    /// error per unreadable or unparsable file.
    public func scan(_ inputs: [String]) -> (findings: [Finding], errors: [InputError]) {
        var findings: [Finding] = []
        var errors: [InputError] = []
        for input in inputs {
            do {
                findings += try scan(input)
            } catch {
                errors.append(error)
            }
        }
        return (findings, errors)
    }

    /// Findings of one Dockerfile.
    public func scan(_ path: String) throws(InputError) -> [Finding] {
        let buffer =
            path == "-"
            ? try SourceBuffer.readStandardInput(maxBytes: DockerfileParser.maxBytes)
            : try SourceBuffer.read(path: path, maxBytes: DockerfileParser.maxBytes)
        let dockerfile: Dockerfile
        do {
            dockerfile = try DockerfileParser.parse(Array(buffer.bytes))
        } catch {
            throw InputError(file: path, line: error.line, reason: error.reason)
        }
        let ignore = path == "-" ? DockerignoreStatus.unknown : Self.dockerignore(for: path)
        return analyzer.analyze(dockerfile, file: path, dockerignore: ignore).filter { selection.isEnabled($0.ruleId) }
    }

    /// BuildKit's lookup with the Dockerfile's directory as the build context:
    /// `<Dockerfile>.dockerignore` first, then `.dockerignore`.
    public static func dockerignore(for path: String) -> DockerignoreStatus {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        for candidate in [url.lastPathComponent + ".dockerignore", ".dockerignore"] {
            let file = dir.appendingPathComponent(candidate).path
            guard DockerfileDiscovery.isRegularFile(file) else { continue }
            guard let buffer = try? SourceBuffer.read(path: file, maxBytes: 1 << 20) else { continue }
            return .present(String(decoding: buffer.bytes, as: UTF8.self))
        }
        return .missing
    }
}
