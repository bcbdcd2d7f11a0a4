import Foundation
import PalisadeFormats
import Testing

/// Helpers for the install tests: parse a rendered stream back with Palisade's own YAML loader,
/// and run the real `openssl` CLI on generated certificates.
enum InstallTestSupport {
    /// The documents of a YAML stream; fails the test on any parse error.
    static func documents(_ yaml: String) throws -> [YAMLNode] {
        var bytes = Array(yaml.utf8)
        bytes.append(0)
        let result = bytes.withUnsafeBytes { raw in
            YAMLStreamParser.parseAll(
                bytes: UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 1)]), file: "out.yaml")
        }
        #expect(result.errors.isEmpty, "parse errors: \(result.errors)")
        return result.documents.map(\.root)
    }

    /// The one document of `kind` (and `name`, when given).
    static func object(_ docs: [YAMLNode], kind: String, name: String? = nil) throws -> YAMLNode {
        let matches = docs.filter {
            $0["kind"]?.string == kind && (name == nil || $0["metadata"]?["name"]?.string == name)
        }
        try #require(matches.count == 1, "expected one \(kind) \(name ?? ""), found \(matches.count)")
        return matches[0]
    }

    /// Follows a path of mapping keys and sequence indexes.
    static func at(_ node: YAMLNode?, _ path: Any...) -> YAMLNode? {
        var current = node
        for step in path {
            if let key = step as? String {
                current = current?[key]
            } else if let index = step as? Int {
                current = current?.items.flatMap { index < $0.count ? $0[index] : nil }
            }
        }
        return current
    }

    static func strings(_ node: YAMLNode?) -> [String] { node?.items?.compactMap(\.string) ?? [] }

    /// Runs `openssl args…`; returns exit status and stdout+stderr.
    static func openssl(_ args: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A scratch directory removed at the end of the test.
    final class Directory {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-install-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func write(_ name: String, _ text: String) throws -> String {
            let path = url.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }
}
