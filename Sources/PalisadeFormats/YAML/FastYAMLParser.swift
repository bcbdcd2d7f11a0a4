import PalisadeCore

/// A pure-Swift parser for the YAML subset Kubernetes manifests use, producing exactly the
/// trees `YAMLStreamParser` builds from libyaml's events (same values, styles, marks and ids).
///
/// Why: libyaml's tokenizer and its per-token mallocs were most of the scan time. This parser
/// works on bytes and builds strings only for scalar values. It never reports errors: on
/// anything invalid or unusual (anchors, tags, complex keys, tabs in indentation, …) it bails
/// out by returning `nil`, and the caller parses the chunk with libyaml, which then produces
/// the tree or the error message exactly as before.
enum FastYAMLParser {
    /// Parses every document of `bytes`; `nil` means "not sure, use libyaml".
    static func parse(
        bytes: UnsafeRawBufferPointer, lineOffset: Int, firstDocumentIndex: Int, limits: YAMLLimits
    ) -> [YAMLDocument]? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return []
        }
        var state = FastYAMLState(
            base: base, count: bytes.count, lineOffset: lineOffset,
            maxDepth: min(limits.maxDepth - 1, FastYAMLState.recursionCap))
        do {
            return try state.parseStream(firstDocumentIndex: firstDocumentIndex)
        } catch {
            return nil
        }
    }
}

/// Thrown internally when the fast parser is not sure; never escapes `FastYAMLParser.parse`.
struct FastYAMLBail: Error {}

extension FastYAMLParser {
    /// Whether `YAMLStreamParser` tries the fast path first.
    static let enabledByDefault = true
}
