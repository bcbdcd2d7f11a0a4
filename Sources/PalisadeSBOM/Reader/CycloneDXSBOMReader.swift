import PalisadeFormats

/// CycloneDX JSON: `components[]` (and their nested `components`), each with `purl`, `version`,
/// `properties` and `licenses`; the OS from an `operating-system` component.
enum CycloneDXSBOMReader {
    static func read(_ root: YAMLNode, file: String) throws(SBOMReadError) -> ReadSBOM {
        guard let spec = SBOMDocumentReader.string(root["specVersion"]) else {
            throw SBOMReadError(file: file, line: root.mark.line, reason: "CycloneDX document without 'specVersion'")
        }
        let parts = spec.split(separator: ".")
        guard parts.count == 2, parts[0] == "1", let minor = Int(parts[1]), minor >= 2 else {
            throw SBOMReadError(
                file: file, line: root["specVersion"]?.mark.line ?? 0,
                reason: "unsupported CycloneDX specVersion '\(spec)' (1.2 or later is read)")
        }
        var state = State(file: file)
        try state.walk(SBOMDocumentReader.array(root, "components", file: file), depth: 0)
        let os = state.osComponent ?? state.distro.flatMap(SBOMPackageBuilder.osRelease(distro:))
        return ReadSBOM(
            format: .cycloneDX, specVersion: spec, packages: state.packages, os: os, skipped: state.skipped.count,
            skippedExample: state.skipped.example)
    }

    struct State {
        let file: String
        var packages: [Package] = []
        var skipped = SkipTally()
        var osComponent: OSRelease?
        var distro: String?

        mutating func walk(_ components: [YAMLNode], depth: Int) throws(SBOMReadError) {
            guard depth < SBOMDocumentReader.maxDepth else { return }
            for component in components {
                guard component.isMapping else {
                    throw SBOMReadError(
                        file: file, line: component.mark.line,
                        reason: "a component must be an object, found \(component.typeName)")
                }
                visit(component)
                try walk(SBOMDocumentReader.array(component, "components", file: file), depth: depth + 1)
            }
        }

        mutating func visit(_ component: YAMLNode) {
            let type = SBOMDocumentReader.string(component["type"])
            let name = SBOMDocumentReader.string(component["name"])
            if type == "operating-system" {
                if osComponent == nil, let name, !name.isEmpty {
                    osComponent = OSRelease(
                        id: name.lowercased(), versionID: SBOMDocumentReader.string(component["version"]),
                        prettyName: SBOMDocumentReader.string(component["description"]))
                }
                return
            }
            var entry = SBOMEntry(
                name: name, version: SBOMDocumentReader.string(component["version"]),
                purl: SBOMDocumentReader.string(component["purl"]))
            for property in component["properties"]?.items ?? [] {
                guard let key = SBOMDocumentReader.string(property["name"]),
                    let value = SBOMDocumentReader.string(property["value"]), entry.properties[key] == nil
                else { continue }
                entry.properties[key] = value
            }
            entry.licenses = licenses(component["licenses"])
            guard let package = SBOMPackageBuilder.package(entry, file: file) else {
                // Files, the image itself and packages of ecosystems Palisade does not match.
                if type != "file" && type != "container" { skipped.add(entry.purl ?? name) }
                return
            }
            if distro == nil, let purl = PackageURL.parse(package.purl) { distro = purl.qualifiers["distro"] }
            packages.append(package)
        }

        func licenses(_ node: YAMLNode?) -> [String] {
            (node?.items ?? []).compactMap { choice in
                if let expression = SBOMDocumentReader.string(choice["expression"]) { return expression }
                let license = choice["license"]
                return SBOMDocumentReader.string(license?["id"]) ?? SBOMDocumentReader.string(license?["name"])
            }
        }
    }
}
