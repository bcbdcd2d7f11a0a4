import Foundation
import PalisadeCore

@testable import PalisadeFormats

/// Shared helpers of the fast-parser tests: run both parsers on the same bytes and compare the
/// trees node by node.
enum FastYAMLDiff {
    enum Outcome: Equatable {
        /// Both parsers produced the same documents.
        case same
        /// The fast parser bailed (libyaml result stands).
        case bailed
        /// A difference, described.
        case different(String)
    }

    static func libyaml(_ bytes: UnsafeRawBufferPointer, lineOffset: Int = 0, limits: YAMLLimits = .default)
        -> (documents: [YAMLDocument], error: InputError?)
    {
        let parser = YAMLStreamParser(bytes: bytes, file: "t.yaml", lineOffset: lineOffset, limits: limits)
        parser.fastPathEnabled = false
        return parser.all()
    }

    static func compare(_ bytes: [UInt8], lineOffset: Int = 0, limits: YAMLLimits = .default) -> Outcome {
        bytes.withUnsafeBytes { raw in
            let fast = FastYAMLParser.parse(bytes: raw, lineOffset: lineOffset, firstDocumentIndex: 0, limits: limits)
            guard let fast else { return .bailed }
            let (slow, error) = libyaml(raw, lineOffset: lineOffset, limits: limits)
            if let error { return .different("fast parser accepted what libyaml rejects: \(error.reason)") }
            if fast.count != slow.count { return .different("documents: fast \(fast.count), libyaml \(slow.count)") }
            for (f, s) in zip(fast, slow) {
                if f.index != s.index { return .different("document index \(f.index) vs \(s.index)") }
                if let d = diff(f.root, s.root, path: "doc\(s.index)") { return .different(d) }
            }
            return .same
        }
    }

    static func compare(_ text: String) -> Outcome { compare(Array(text.utf8)) }

    /// The first difference between two trees, or nil.
    static func diff(_ a: YAMLNode, _ b: YAMLNode, path: String) -> String? {
        if a.mark != b.mark { return "\(path): mark fast \(a.mark) libyaml \(b.mark)" }
        if a.id != b.id { return "\(path): id fast \(a.id) libyaml \(b.id)" }
        switch (a.content, b.content) {
        case (.scalar(let x), .scalar(let y)):
            if x != y { return "\(path): scalar fast \(x) libyaml \(y)" }
            return nil
        case (.sequence(let x), .sequence(let y)):
            if x.count != y.count { return "\(path): \(x.count) items vs \(y.count)" }
            for (k, (u, v)) in zip(x, y).enumerated() {
                if let d = diff(u, v, path: "\(path)[\(k)]") { return d }
            }
            return nil
        case (.mapping(let x), .mapping(let y)):
            if x.count != y.count { return "\(path): \(x.count) pairs vs \(y.count)" }
            for (u, v) in zip(x, y) {
                if u.key != v.key { return "\(path): key fast \(u.key) libyaml \(v.key)" }
                if u.keyMark != v.keyMark { return "\(path).\(v.key): keyMark fast \(u.keyMark) libyaml \(v.keyMark)" }
                if let d = diff(u.value, v.value, path: "\(path).\(v.key)") { return d }
            }
            return nil
        default:
            return "\(path): kind differs (fast \(a.typeName), libyaml \(b.typeName))"
        }
    }

    /// The repository root (tests live in Tests/PalisadeFormatsTests).
    static let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every file under `dir` whose name ends with one of `extensions`.
    static func files(under dir: URL, extensions: [String]) -> [URL] {
        guard
            let e = FileManager.default.enumerator(
                at: dir, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        else { return [] }
        var out: [URL] = []
        for case let url as URL in e where extensions.contains(url.pathExtension.lowercased()) {
            out.append(url)
        }
        return out.sorted { $0.path < $1.path }
    }

    struct Tally {
        var fast = 0
        var bailed = 0
        var failures: [String] = []
        var bailedFiles: [String] = []
    }

    /// Compares both parsers on every chunk of every file, as the engine splits them.
    static func tally(_ urls: [URL]) -> Tally {
        var t = Tally()
        for url in urls {
            guard let data = try? Data(contentsOf: url) else { continue }
            let bytes = [UInt8](data)
            bytes.withUnsafeBytes { raw in
                for chunk in DocumentSplitter.split(raw) {
                    let slice = Array(bytes[chunk.range])
                    switch compare(slice, lineOffset: chunk.lineOffset) {
                    case .same: t.fast += 1
                    case .bailed:
                        t.bailed += 1
                        t.bailedFiles.append("\(url.lastPathComponent):\(chunk.lineOffset + 1)")
                    case .different(let d): t.failures.append("\(url.path):\(chunk.lineOffset + 1): \(d)")
                    }
                }
            }
        }
        return t
    }
}
