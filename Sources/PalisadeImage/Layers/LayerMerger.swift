/// Applies layers in order, the way a container runtime's overlay filesystem would, to decide
/// for every record whether it is visible (`removedBy == nil`) or was deleted or replaced by a
/// later layer, and by which. Whiteouts (`.wh.NAME`) and opaque directories (`.wh..wh..opq`)
/// delete lower entries recursively; a path added again replaces the lower version.
struct LayerMerger {
    private struct Ref: Hashable {
        var layer: Int
        var index: Int
    }

    private var live: [String: Ref] = [:]
    private var children: [String: Set<String>] = [:]
    /// The records of every layer, with `removedBy` filled in as merging goes.
    private(set) var records: [[FileRecord]]

    init(layerCount: Int) {
        records = Array(repeating: [], count: layerCount)
    }

    /// Merges one layer on top of those merged so far. Layers must come base first.
    mutating func apply(layer: Int, records layerRecords: [FileRecord], whiteouts: [String], opaque: [String]) {
        for path in whiteouts { remove(path, by: layer) }
        for dir in opaque {
            for child in children[dir] ?? [] { remove(child, by: layer) }
        }
        records[layer] = layerRecords
        for (i, record) in layerRecords.enumerated() {
            if let previous = live[record.path] {
                let old = records[previous.layer][previous.index]
                if old.kind == .directory && record.kind == .directory {
                    // A directory re-declared: its metadata changes, its lower contents stay.
                    records[previous.layer][previous.index].removedBy = layer
                } else {
                    remove(record.path, by: layer)
                }
            }
            live[record.path] = Ref(layer: layer, index: i)
            link(record.path)
        }
    }

    /// The visible record for a path, if any.
    func visible(_ path: String) -> FileRecord? {
        live[path].map { records[$0.layer][$0.index] }
    }

    func isVisible(layer: Int, index: Int) -> Bool {
        records[layer][index].removedBy == nil
    }

    /// Records `path` under its parent, and the parent under its own, up to the first ancestor
    /// already linked: tar streams may omit directory entries, and a whiteout of `/a` must still
    /// reach `/a/c/d`.
    private mutating func link(_ path: String) {
        var p = path
        while p != "/" {
            let parent = Self.parent(of: p)
            guard children[parent, default: []].insert(p).inserted else { return }
            p = parent
        }
    }

    private mutating func remove(_ path: String, by layer: Int) {
        var stack = [path]
        while let p = stack.popLast() {
            if let ref = live.removeValue(forKey: p) {
                records[ref.layer][ref.index].removedBy = layer
            }
            if let kids = children.removeValue(forKey: p) { stack.append(contentsOf: kids) }
        }
        children[Self.parent(of: path)]?.remove(path)
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
