import CYAML
import PalisadeCore

/// Reads YAML (and JSON, which is YAML's flow subset) into position-carrying node trees,
/// one document at a time, straight from libyaml's event stream.
///
/// Why not Yams: its default resolver runs regexes on every scalar (~4 MB/s); the raw event
/// parser runs at ~50 MB/s, and Kubernetes semantics (YAML 1.1 booleans, quoting) are applied
/// lazily by `YAMLNode` accessors only where a check asks.
public final class YAMLStreamParser {
    /// Created on first use: most chunks take the fast path and never need libyaml.
    private var libyaml: UnsafeMutablePointer<yaml_parser_t>?
    private let file: String
    private let lineOffset: Int
    private let limits: YAMLLimits
    private var documentIndex: Int
    private var finished = false
    /// Keeps the input alive for libyaml.
    private let input: UnsafeRawBufferPointer
    /// Try `FastYAMLParser` on the whole input first (tests turn it off to get libyaml's trees).
    var fastPathEnabled = FastYAMLParser.enabledByDefault
    private var fastDocuments: [YAMLDocument]?
    private var fastNext = 0

    /// - Parameters:
    ///   - bytes: the input; must stay valid for the parser's lifetime.
    ///   - lineOffset: lines before `bytes` in the original file (for chunked parsing).
    ///   - firstDocumentIndex: index given to the first document found.
    public init(
        bytes: UnsafeRawBufferPointer, file: String, lineOffset: Int = 0, firstDocumentIndex: Int = 0,
        limits: YAMLLimits = .default
    ) {
        self.file = file
        self.lineOffset = lineOffset
        self.limits = limits
        self.documentIndex = firstDocumentIndex
        self.input = bytes
    }

    deinit {
        if let libyaml {
            yaml_parser_delete(libyaml)
            libyaml.deallocate()
        }
    }

    private var parser: UnsafeMutablePointer<yaml_parser_t> {
        if let libyaml { return libyaml }
        let p = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        yaml_parser_initialize(p)
        if let base = input.baseAddress {
            yaml_parser_set_input_string(p, base.assumingMemoryBound(to: UInt8.self), input.count)
        } else {
            yaml_parser_set_input_string(p, "", 0)
        }
        libyaml = p
        return p
    }

    private func mark(_ m: yaml_mark_t) -> SourceMark {
        SourceMark(line: Int(m.line) + 1 + lineOffset, column: Int(m.column) + 1)
    }

    private func parserError() -> InputError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "invalid YAML"
        var reason = problem
        if let ctx = p.context.map({ String(cString: $0) }) {
            reason = "\(ctx), \(problem)"
        }
        let m = mark(p.problem_mark)
        if p.error == YAML_READER_ERROR {
            reason = "not valid UTF-8 text (\(problem)); is this a binary file?"
        }
        return InputError(file: file, line: m.line, column: m.column, reason: reason)
    }

    private func nextEvent(_ event: inout yaml_event_t) throws(InputError) {
        if yaml_parser_parse(parser, &event) == 0 {
            finished = true
            throw parserError()
        }
    }

    /// Returns the next document, `nil` at the end of the stream.
    /// After an error the parser is finished: libyaml cannot resynchronise.
    public func next() throws(InputError) -> YAMLDocument? {
        guard !finished else { return nil }
        if fastPathEnabled {
            fastPathEnabled = false
            fastDocuments = FastYAMLParser.parse(
                bytes: input, lineOffset: lineOffset, firstDocumentIndex: documentIndex, limits: limits)
        }
        if let docs = fastDocuments {
            guard fastNext < docs.count else {
                finished = true
                return nil
            }
            fastNext += 1
            return docs[fastNext - 1]
        }
        var event = yaml_event_t()
        while true {
            try nextEvent(&event)
            let type = event.type
            yaml_event_delete(&event)
            switch type {
            case YAML_STREAM_END_EVENT:
                finished = true
                return nil
            case YAML_DOCUMENT_START_EVENT:
                let root = try readDocumentBody()
                defer { documentIndex += 1 }
                return YAMLDocument(root: root, index: documentIndex)
            default:
                continue
            }
        }
    }

    /// Parses every remaining document. Documents before an error are kept in `documents`.
    public func all() -> (documents: [YAMLDocument], error: InputError?) {
        var docs: [YAMLDocument] = []
        do {
            while let d = try next() { docs.append(d) }
            return (docs, nil)
        } catch {
            return (docs, error)
        }
    }

    private struct Frame {
        enum Kind { case sequence, mapping }
        var kind: Kind
        var mark: SourceMark
        var id: Int32
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: (String, SourceMark)?
        var size: Int = 1
    }

    private func readDocumentBody() throws(InputError) -> YAMLNode {
        var stack: [Frame] = []
        var anchors: [String: (node: YAMLNode, size: Int)] = [:]
        var nextId: Int32 = 0
        var ownNodes = 0
        var aliasedNodes = 0
        var root: YAMLNode?
        var event = yaml_event_t()

        func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let p else { return nil }
            return String(cString: p)
        }

        // Attaches a finished node to its parent (or makes it the root).
        func attach(_ node: YAMLNode, size: Int) throws(InputError) {
            guard !stack.isEmpty else {
                root = node
                return
            }
            let top = stack.count - 1
            stack[top].size += size
            switch stack[top].kind {
            case .sequence:
                stack[top].items.append(node)
            case .mapping:
                if let (key, keyMark) = stack[top].pendingKey {
                    stack[top].pairs.append(YAMLPair(key: key, keyMark: keyMark, value: node))
                    stack[top].pendingKey = nil
                } else {
                    guard case .scalar(let s) = node.content else {
                        // sigs.k8s.io/yaml rejects these too; usually an unrendered template such as `{{name}}`.
                        throw InputError(
                            file: file, line: node.mark.line, column: node.mark.column,
                            reason:
                                "a mapping key must be a string, found \(node.typeName) (an unrendered template like {{value}}?)"
                        )
                    }
                    stack[top].pendingKey = (s.value, node.mark)
                }
            }
        }

        while true {
            try nextEvent(&event)
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let text: String
                if let v = s.value, s.length > 0 {
                    text = String(decoding: UnsafeBufferPointer(start: v, count: Int(s.length)), as: UTF8.self)
                } else {
                    text = ""
                }
                let style: YAMLScalar.Style
                switch s.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                var tag: String? = nil
                if s.tag != nil, s.plain_implicit == 0 || style == .plain {
                    tag = string(s.tag)
                    if tag == "!" { tag = nil }
                }
                let node = YAMLNode(
                    content: .scalar(YAMLScalar(value: text, style: style, tag: tag)), mark: mark(event.start_mark),
                    id: nextId)
                nextId &+= 1
                ownNodes += 1
                if let a = string(s.anchor) { anchors[a] = (node, 1) }
                try attach(node, size: 1)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if stack.count >= limits.maxDepth {
                    throw InputError(
                        file: file, line: mark(event.start_mark).line, column: mark(event.start_mark).column,
                        reason: "nesting deeper than \(limits.maxDepth) levels; refusing to parse")
                }
                let isSeq = event.type == YAML_SEQUENCE_START_EVENT
                let anchor = isSeq ? string(event.data.sequence_start.anchor) : string(event.data.mapping_start.anchor)
                stack.append(
                    Frame(kind: isSeq ? .sequence : .mapping, mark: mark(event.start_mark), id: nextId, anchor: anchor))
                nextId &+= 1
                ownNodes += 1
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let node: YAMLNode
                switch frame.kind {
                case .sequence: node = YAMLNode(content: .sequence(frame.items), mark: frame.mark, id: frame.id)
                case .mapping: node = YAMLNode(content: .mapping(frame.pairs), mark: frame.mark, id: frame.id)
                }
                if let a = frame.anchor { anchors[a] = (node, frame.size) }
                try attach(node, size: frame.size)
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor) ?? ""
                let m = mark(event.start_mark)
                guard let target = anchors[name] else {
                    throw InputError(file: file, line: m.line, column: m.column, reason: "unknown alias '*\(name)'")
                }
                aliasedNodes += target.size
                if aliasedNodes > limits.maxAliasedNodes && aliasedNodes > limits.aliasRatio * max(ownNodes, 1) {
                    throw InputError(
                        file: file, line: m.line, column: m.column,
                        reason:
                            "aliases expand to more than \(aliasedNodes) nodes (a YAML alias bomb?); refusing to expand"
                    )
                }
                try attach(target.node, size: target.size)
            case YAML_DOCUMENT_END_EVENT:
                return root ?? YAMLNode(content: .scalar(YAMLScalar(value: "")), mark: mark(event.start_mark))
            default:
                continue
            }
        }
    }
}

extension YAMLStreamParser {
    /// Parses a whole buffer into documents, splitting it at top-level `---` lines so that
    /// large streams parse on all cores and an error in one document does not hide the others.
    public static func parseAll(
        bytes: UnsafeRawBufferPointer, file: String, limits: YAMLLimits = .default
    ) -> (documents: [YAMLDocument], errors: [InputError]) {
        let chunks = DocumentSplitter.split(bytes)
        var docs: [YAMLDocument] = []
        var errors: [InputError] = []
        for chunk in chunks {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[chunk.range])
            let parser = YAMLStreamParser(
                bytes: slice, file: file, lineOffset: chunk.lineOffset, firstDocumentIndex: docs.count, limits: limits)
            let (d, e) = parser.all()
            docs.append(contentsOf: d)
            if let e { errors.append(e) }
        }
        return (docs, errors)
    }
}
