/// Reads an OCI/Docker image config JSON into `ImageConfig`. Unknown fields are ignored; fields of
/// the wrong type are treated as absent rather than failing the scan, because checks can still
/// run on the rest.
enum ImageConfigParser {
    static func parse(_ bytes: [UInt8], what: String) throws(ImageError) -> ImageConfig {
        let root = try JSONDocument.object(bytes, what: what)
        let c = root["config"] as? [String: Any] ?? root["container_config"] as? [String: Any] ?? [:]
        var config = ImageConfig()
        config.architecture = root["architecture"] as? String ?? ""
        config.os = root["os"] as? String ?? ""
        config.variant = root["variant"] as? String
        config.created = root["created"] as? String
        config.user = c["User"] as? String
        config.env = (c["Env"] as? [Any] ?? []).compactMap { $0 as? String }
        config.entrypoint = (c["Entrypoint"] as? [Any])?.compactMap { $0 as? String }
        config.cmd = (c["Cmd"] as? [Any])?.compactMap { $0 as? String }
        config.workingDir = c["WorkingDir"] as? String
        config.exposedPorts = ((c["ExposedPorts"] as? [String: Any]) ?? [:]).keys.sorted()
        config.labels = ((c["Labels"] as? [String: Any]) ?? [:]).compactMap { k, v in
            (v as? String).map { (key: k, value: $0) }
        }.sorted { $0.key < $1.key }
        config.volumes = ((c["Volumes"] as? [String: Any]) ?? [:]).keys.sorted()
        config.stopSignal = c["StopSignal"] as? String
        if let hc = c["Healthcheck"] as? [String: Any] {
            config.healthcheck = Healthcheck(test: (hc["Test"] as? [Any] ?? []).compactMap { $0 as? String })
        }
        config.history = (root["history"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }.map { h in
            HistoryEntry(
                created: h["created"] as? String, createdBy: h["created_by"] as? String ?? "",
                comment: h["comment"] as? String, emptyLayer: h["empty_layer"] as? Bool ?? false)
        }
        let rootfs = root["rootfs"] as? [String: Any] ?? [:]
        config.diffIDs = (rootfs["diff_ids"] as? [Any] ?? []).compactMap { $0 as? String }
        return config
    }

    /// Index of the history entry that created each layer: history entries without
    /// `empty_layer` correspond to layers in order. Nil where the history is shorter.
    static func historyIndices(_ config: ImageConfig, layerCount: Int) -> [Int?] {
        var out: [Int?] = []
        for (i, h) in config.history.enumerated() where !h.emptyLayer {
            out.append(i)
        }
        if out.count > layerCount { out = Array(out.prefix(layerCount)) }
        while out.count < layerCount { out.append(nil) }
        return out
    }
}
