import PalisadeCore

/// Builds the locations of image findings: config and history findings point into the config
/// (`config.User`, `history[5].created_by`), file findings at the path plus the layer digest.
struct FindingLocator {
    let facts: ImageFacts

    func config(_ path: String) -> Location {
        Location(file: facts.reference, line: 0, column: 0, path: path)
    }

    func history(_ index: Int) -> Location {
        config("history[\(index)].created_by")
    }

    func file(_ record: FileRecord, line: Int = 0) -> Location {
        file(path: record.path, layer: record.layer, present: record.removedBy == nil, line: line)
    }

    func file(path: String, layer: Int, present: Bool, line: Int = 0) -> Location {
        Location(
            file: facts.reference, line: line, column: 0, path: path, layer: layerDigest(layer),
            presence: present ? .present : .removed)
    }

    func layerDigest(_ index: Int) -> String? {
        if index >= 0, index < facts.layers.count, facts.layers[index].index == index {
            return facts.layers[index].digest
        }
        return facts.layers.first { $0.index == index }?.digest
    }

    /// `history[i]` that created layer `index`, for messages.
    func historyIndex(ofLayer index: Int) -> Int? {
        if index >= 0, index < facts.layers.count, facts.layers[index].index == index {
            return facts.layers[index].historyIndex
        }
        return facts.layers.first { $0.index == index }?.historyIndex
    }
}
