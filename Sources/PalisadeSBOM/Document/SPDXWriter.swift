/// Writes an `SBOMDocument` as SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/): the image
/// as the package the document `DESCRIBES`, which `CONTAINS` the OS and every package. Each
/// package carries its purl as a `PACKAGE-MANAGER` external reference; `licenseDeclared` is an
/// SPDX expression only when the declared licences parse as one (else `NOASSERTION`), and
/// `licenseConcluded` is always `NOASSERTION` because Palisade concludes nothing. Where the
/// package was found (path, layer) goes in `sourceInfo`. `documentNamespace` is a name-based UUID
/// URI of the content, so rescanning the same image gives the same document.
public enum SPDXWriter {
    public static func write(_ doc: SBOMDocument) -> [UInt8] {
        let imageID = "SPDXRef-image"
        var usedIDs: Set<String> = ["SPDXRef-DOCUMENT", imageID]
        var image: [String: Any] = basePackage(id: imageID, name: doc.subjectName, purpose: "CONTAINER")
        if let digest = doc.subjectDigest { image["versionInfo"] = digest }
        var packages: [[String: Any]] = [image]
        var relationships: [[String: Any]] = [
            relationship("SPDXRef-DOCUMENT", "DESCRIBES", imageID)
        ]
        if let os = doc.os {
            let id = unique("SPDXRef-OperatingSystem-" + sanitise(os.id), &usedIDs)
            var object = basePackage(id: id, name: os.id, purpose: "OPERATING_SYSTEM")
            if let version = os.versionID ?? os.codename { object["versionInfo"] = version }
            if let pretty = os.prettyName { object["description"] = pretty }
            packages.append(object)
            relationships.append(relationship(imageID, "CONTAINS", id))
        }
        for package in doc.packages {
            let hash = SBOMSHA1.hex(
                Array(SBOMSHA1.digest(Array((package.purl + "\0" + package.foundIn).utf8)).prefix(8)))
            let id = unique(
                "SPDXRef-Package-\(package.ecosystem.rawValue)-\(sanitise(package.name))-\(hash)", &usedIDs)
            packages.append(spdxPackage(package, id: id))
            relationships.append(relationship(imageID, "CONTAINS", id))
        }
        let uuid = DeterministicUUID.version5(name: "spdx:" + doc.contentIdentity)
        let document: [String: Any] = [
            "spdxVersion": "SPDX-2.3",
            "dataLicense": "CC0-1.0",
            "SPDXID": "SPDXRef-DOCUMENT",
            "name": doc.subjectName,
            "documentNamespace": "https://spdx.org/spdxdocs/\(doc.toolName)-\(sanitise(doc.subjectName))-\(uuid)",
            "creationInfo": [
                "created": doc.created,
                "creators": ["Tool: \(doc.toolName)-\(doc.toolVersion)"],
            ] as [String: Any],
            "packages": packages,
            "relationships": relationships,
        ]
        return SBOMJSON.bytes(document)
    }

    static func spdxPackage(_ package: Package, id: String) -> [String: Any] {
        var object = basePackage(id: id, name: package.name, purpose: "LIBRARY")
        object["versionInfo"] = package.version
        object["licenseDeclared"] = declaredLicense(package.licenses) ?? "NOASSERTION"
        object["externalRefs"] = [
            [
                "referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": package.purl,
            ]
        ]
        var source = "found in \(package.foundIn)"
        if let layer = package.layer { source += " (layer \(layer))" }
        object["sourceInfo"] = source
        if let sourceName = package.sourceName {
            object["comment"] = "source package: \(sourceName) \(package.sourceVersion ?? package.version)"
        }
        return object
    }

    /// All declared licences as one SPDX expression (several are ANDed), or nil when any of
    /// them is not a valid expression over listed ids.
    static func declaredLicense(_ licenses: [String]) -> String? {
        let declared = licenses.filter { !$0.isEmpty }
        guard !declared.isEmpty else { return nil }
        var parts: [String] = []
        for text in declared {
            guard let parsed = SPDXLicenseExpression.canonical(text) else { return nil }
            parts.append(declared.count > 1 && parsed.kind == .compound ? "(\(parsed.expression))" : parsed.expression)
        }
        return parts.joined(separator: " AND ")
    }

    /// SPDX ids allow only `[A-Za-z0-9.-]`; everything else becomes `-`.
    static func sanitise(_ text: String) -> String {
        let bytes = text.utf8.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"):
                return byte
            default:
                return UInt8(ascii: "-")
            }
        }
        return bytes.isEmpty ? "unnamed" : String(decoding: bytes, as: UTF8.self)
    }

    private static func basePackage(id: String, name: String, purpose: String) -> [String: Any] {
        [
            "SPDXID": id, "name": name, "downloadLocation": "NOASSERTION", "filesAnalyzed": false,
            "licenseConcluded": "NOASSERTION", "licenseDeclared": "NOASSERTION", "copyrightText": "NOASSERTION",
            "primaryPackagePurpose": purpose,
        ]
    }

    private static func relationship(_ element: String, _ type: String, _ related: String) -> [String: Any] {
        ["spdxElementId": element, "relationshipType": type, "relatedSpdxElement": related]
    }

    private static func unique(_ candidate: String, _ used: inout Set<String>) -> String {
        var id = candidate
        var counter = 2
        while !used.insert(id).inserted {
            id = "\(candidate)-\(counter)"
            counter += 1
        }
        return id
    }
}
