import PalisadeFormats

/// SPDX 2.2/2.3 JSON: `packages[]` with a `purl` external reference and `versionInfo`; the OS
/// from the package whose `primaryPackagePurpose` is `OPERATING-SYSTEM`.
enum SPDXSBOMReader {
    static func read(_ root: YAMLNode, file: String) throws(SBOMReadError) -> ReadSBOM {
        let versionNode = root["spdxVersion"]
        let spdxVersion = SBOMDocumentReader.string(versionNode) ?? ""
        guard spdxVersion == "SPDX-2.2" || spdxVersion == "SPDX-2.3" else {
            throw SBOMReadError(
                file: file, line: versionNode?.mark.line ?? 0,
                reason: "unsupported spdxVersion '\(spdxVersion)' (SPDX-2.2 and SPDX-2.3 JSON are read)")
        }
        var packages: [Package] = []
        var skipped = SkipTally()
        var os: OSRelease?
        var distro: String?
        for node in try SBOMDocumentReader.array(root, "packages", file: file) {
            guard node.isMapping else {
                throw SBOMReadError(
                    file: file, line: node.mark.line, reason: "a package must be an object, found \(node.typeName)")
            }
            let name = SBOMDocumentReader.string(node["name"])
            let purpose = SBOMDocumentReader.string(node["primaryPackagePurpose"])
            // SPDX 2.3 JSON schema spells it OPERATING_SYSTEM (Palisade); Trivy writes OPERATING-SYSTEM.
            if purpose == "OPERATING-SYSTEM" || purpose == "OPERATING_SYSTEM" {
                if os == nil, let name, !name.isEmpty {
                    os = OSRelease(id: name.lowercased(), versionID: SBOMDocumentReader.string(node["versionInfo"]))
                }
                continue
            }
            var entry = SBOMEntry(name: name, version: SBOMDocumentReader.string(node["versionInfo"]), purl: purl(node))
            if let license = SBOMDocumentReader.string(node["licenseDeclared"]), license != "NOASSERTION",
                license != "NONE"
            {
                entry.licenses = [license]
            }
            addSourceFacts(node, to: &entry)
            guard let package = SBOMPackageBuilder.package(entry, file: file) else {
                if purpose != "CONTAINER" && purpose != "FILE" { skipped.add(entry.purl ?? name) }
                continue
            }
            if distro == nil, let parsed = PackageURL.parse(package.purl) { distro = parsed.qualifiers["distro"] }
            packages.append(package)
        }
        return ReadSBOM(
            format: .spdx, specVersion: String(spdxVersion.dropFirst("SPDX-".count)), packages: packages,
            os: os ?? distro.flatMap(SBOMPackageBuilder.osRelease(distro:)), skipped: skipped.count,
            skippedExample: skipped.example)
    }

    static func purl(_ node: YAMLNode) -> String? {
        for ref in node["externalRefs"]?.items ?? [] where SBOMDocumentReader.string(ref["referenceType"]) == "purl" {
            if let locator = SBOMDocumentReader.string(ref["referenceLocator"]) { return locator }
        }
        return nil
    }

    /// Palisade writes `found in <path> (layer <digest>)` as `sourceInfo` and `source package:
    /// <name> <version>` as `comment`; Trivy writes `built package from: <name> <version>`.
    static func addSourceFacts(_ node: YAMLNode, to entry: inout SBOMEntry) {
        if let info = SBOMDocumentReader.string(node["sourceInfo"]) {
            if info.hasPrefix("found in ") {
                var rest = info.dropFirst("found in ".count)
                if let open = rest.range(of: " (layer "), rest.hasSuffix(")") {
                    entry.properties["palisade:layer"] = String(rest[open.upperBound...].dropLast())
                    rest = rest[..<open.lowerBound]
                }
                entry.properties["palisade:foundIn"] = String(rest)
            } else if info.hasPrefix("built package from: ") {
                let words = info.dropFirst("built package from: ".count).split(separator: " ")
                if words.count == 2 {
                    entry.properties["aquasecurity:trivy:SrcName"] = String(words[0])
                    entry.properties["aquasecurity:trivy:SrcVersion"] = String(words[1])
                }
            }
        }
        if let comment = SBOMDocumentReader.string(node["comment"]), comment.hasPrefix("source package: ") {
            let words = comment.dropFirst("source package: ".count).split(separator: " ")
            if words.count == 2 {
                entry.properties["palisade:sourceName"] = String(words[0])
                entry.properties["palisade:sourceVersion"] = String(words[1])
            }
        }
    }
}
