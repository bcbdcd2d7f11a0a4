/// Writes an `SBOMDocument` as CycloneDX 1.6 JSON (https://cyclonedx.org/docs/1.6/json/): the
/// image as `metadata.component` (type `container`), the OS as an `operating-system`
/// component, and one `library` component per package with its purl, licences and two
/// properties, `palisade:layer` (digest of the layer that added the package's database file)
/// and `palisade:foundIn` (that file's path). `serialNumber` is a name-based UUID of the
/// content, so rescanning the same image gives the same document.
public enum CycloneDXWriter {
    public static func write(_ doc: SBOMDocument) -> [UInt8] {
        var components: [[String: Any]] = []
        var usedRefs: Set<String> = ["image"]
        if let os = doc.os {
            components.append(operatingSystem(os, ref: unique("os:\(os.id)", &usedRefs)))
        }
        for package in doc.packages {
            components.append(component(package, ref: unique(package.purl, &usedRefs)))
        }
        var subject: [String: Any] = ["bom-ref": "image", "type": "container", "name": doc.subjectName]
        if let digest = doc.subjectDigest { subject["version"] = digest }
        let tool: [String: Any] = ["type": "application", "name": doc.toolName, "version": doc.toolVersion]
        let bom: [String: Any] = [
            "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
            "bomFormat": "CycloneDX",
            "specVersion": "1.6",
            "serialNumber": "urn:uuid:" + DeterministicUUID.version5(name: "cyclonedx:" + doc.contentIdentity),
            "version": 1,
            "metadata": [
                "timestamp": doc.created,
                "tools": ["components": [tool]],
                "component": subject,
            ] as [String: Any],
            "components": components,
        ]
        return SBOMJSON.bytes(bom)
    }

    static func operatingSystem(_ os: OSRelease, ref: String) -> [String: Any] {
        var object: [String: Any] = ["bom-ref": ref, "type": "operating-system", "name": os.id]
        if let version = os.versionID ?? os.codename { object["version"] = version }
        if let pretty = os.prettyName { object["description"] = pretty }
        return object
    }

    static func component(_ package: Package, ref: String) -> [String: Any] {
        var object: [String: Any] = [
            "bom-ref": ref, "type": "library", "name": package.name, "version": package.version,
            "purl": package.purl,
        ]
        if let namespace = package.namespace, !isOSEcosystem(package.ecosystem) { object["group"] = namespace }
        let licenses = licenseChoices(package.licenses)
        if !licenses.isEmpty { object["licenses"] = licenses }
        var properties: [[String: String]] = []
        if let layer = package.layer { properties.append(["name": "palisade:layer", "value": layer]) }
        properties.append(["name": "palisade:foundIn", "value": package.foundIn])
        object["properties"] = properties
        return object
    }

    /// CycloneDX allows either license objects or exactly one expression: a single compound
    /// SPDX expression becomes `expression`; listed ids become `license.id`; anything else
    /// (free text, or compound expressions among several licences) becomes `license.name`.
    static func licenseChoices(_ licenses: [String]) -> [[String: Any]] {
        let declared = licenses.filter { !$0.isEmpty }
        if declared.count == 1, let parsed = SPDXLicenseExpression.canonical(declared[0]), parsed.kind == .compound {
            return [["expression": parsed.expression]]
        }
        return declared.map { text in
            if let parsed = SPDXLicenseExpression.canonical(text), parsed.kind == .single,
                !parsed.expression.hasSuffix("+")
            {
                return ["license": ["id": parsed.expression]]
            }
            return ["license": ["name": text]]
        }
    }

    private static func isOSEcosystem(_ ecosystem: PackageEcosystem) -> Bool {
        ecosystem == .deb || ecosystem == .apk || ecosystem == .rpm
    }

    private static func unique(_ candidate: String, _ used: inout Set<String>) -> String {
        var ref = candidate
        var counter = 2
        while !used.insert(ref).inserted {
            ref = "\(candidate)#\(counter)"
            counter += 1
        }
        return ref
    }
}
