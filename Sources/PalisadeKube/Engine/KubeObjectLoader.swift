import PalisadeCore
import PalisadeFormats

/// Loads every Kubernetes object of the inputs into memory, `List` items flattened, for the
/// analyses that need the whole set at once (effective RBAC, NetworkPolicy reachability, the
/// cluster graph). The rule scanner streams instead; this is for questions about relations.
public struct KubeObjectLoader: Sendable {
    public struct Loaded: Sendable {
        public var objects: [KubeObject]
        /// Unreadable files and YAML/JSON errors, one per file or document; the rest still loads.
        public var errors: [InputError]
        /// Documents that are not Kubernetes objects (no apiVersion/kind), by file and line.
        public var skipped: [(file: String, line: Int)]

        public init() {
            objects = []
            errors = []
            skipped = []
        }
    }

    public var limits: YAMLLimits

    public init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    public func load(_ inputs: [KubeInput]) -> Loaded {
        var loaded = Loaded()
        for input in inputs {
            let buffer: SourceBuffer
            do {
                switch input {
                case .file(let path): buffer = try SourceBuffer.read(path: path)
                case .standardInput: buffer = try SourceBuffer.readStandardInput()
                }
            } catch {
                loaded.errors.append(error)
                continue
            }
            load(buffer, into: &loaded)
        }
        return loaded
    }

    /// Loads one in-memory buffer (tests, stdin).
    public func load(_ buffer: SourceBuffer, into loaded: inout Loaded) {
        for chunk in DocumentSplitter.split(buffer.bytes) {
            let parser = YAMLStreamParser(
                bytes: UnsafeRawBufferPointer(rebasing: buffer.bytes[chunk.range]), file: buffer.name,
                lineOffset: chunk.lineOffset, limits: limits)
            do {
                while let document = try parser.next() {
                    add(document.root, file: buffer.name, into: &loaded)
                }
            } catch {
                loaded.errors.append(error)
            }
        }
    }

    private func add(_ root: YAMLNode, file: String, into loaded: inout Loaded) {
        if root.isNull { return }
        guard let object = KubeObject(root: root, file: file) else {
            loaded.skipped.append((file, root.mark.line))
            return
        }
        if object.kind.hasSuffix("List"), let items = root["items"]?.items {
            for item in items { add(item, file: file, into: &loaded) }
            return
        }
        loaded.objects.append(object)
    }
}
