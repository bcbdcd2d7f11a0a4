import PalisadeCore

extension Location {
    /// `file:line:col` for positions in a file; just the target (an image reference) when the
    /// finding has no line, as for image configuration findings.
    public var positionText: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }

    /// For image findings: the layer (short digest) and whether the file is still present, e.g.
    /// `layer sha256:1a2b3c4d5e6f, removed by a later layer but still shipped`.
    public var layerText: String? {
        guard let layer else { return nil }
        let short = layer.hasPrefix("sha256:") ? String(layer.prefix(19)) : layer
        switch presence {
        case .removed: return "layer \(short), removed by a later layer but still shipped"
        case .present: return "layer \(short), present in the image"
        case nil: return "layer \(short)"
        }
    }
}
