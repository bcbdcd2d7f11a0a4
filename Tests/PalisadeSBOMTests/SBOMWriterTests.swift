import Foundation
import Testing

@testable import PalisadeSBOM

@Suite struct SBOMWriterTests {
    static func document(os: OSRelease? = SBOMSamples.debian, packages: [Package]? = nil) -> SBOMDocument {
        SBOMDocument(
            subjectName: "docker.io/library/debian:12", subjectDigest: SBOMSamples.digest, os: os,
            packages: packages ?? SBOMAssembler.assemble(packages: SBOMSamples.everyEcosystem, os: os),
            toolName: "palisade", toolVersion: "0.1.0", created: "2025-01-02T03:04:05Z")
    }

    static func json(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    // MARK: schema validation

    @Test(.enabled(if: SBOMSchemaValidator.isAvailable || SBOMSchemaValidator.inCI))
    func cycloneDXIsValidAgainstOfficialSchema() throws {
        try #require(
            SBOMSchemaValidator.isAvailable, "python3 with jsonschema ≥ 4.18 is required in CI (scripts/setup)")
        for doc in [Self.document(), Self.document(os: nil), Self.document(packages: [])] {
            let errors = try SBOMSchemaValidator.validate(
                CycloneDXWriter.write(doc), schema: "cyclonedx-bom-1.6.schema.json")
            #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
        }
    }

    @Test(.enabled(if: SBOMSchemaValidator.isAvailable || SBOMSchemaValidator.inCI))
    func spdxIsValidAgainstOfficialSchema() throws {
        try #require(
            SBOMSchemaValidator.isAvailable, "python3 with jsonschema ≥ 4.18 is required in CI (scripts/setup)")
        for doc in [Self.document(), Self.document(os: nil), Self.document(packages: [])] {
            let errors = try SBOMSchemaValidator.validate(SPDXWriter.write(doc), schema: "spdx-2.3.schema.json")
            #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
        }
    }

    @Test(.enabled(if: SBOMSchemaValidator.isAvailable || SBOMSchemaValidator.inCI))
    func schemasRejectBrokenDocuments() throws {
        try #require(
            SBOMSchemaValidator.isAvailable, "python3 with jsonschema ≥ 4.18 is required in CI (scripts/setup)")
        let cyclone = String(decoding: CycloneDXWriter.write(Self.document()), as: UTF8.self)
            .replacingOccurrences(of: "\"id\" : \"MIT\"", with: "\"id\" : \"Not-A-Listed-Licence\"")
        #expect(cyclone.contains("Not-A-Listed-Licence"))
        #expect(
            !(try SBOMSchemaValidator.validate(Array(cyclone.utf8), schema: "cyclonedx-bom-1.6.schema.json")).isEmpty)
        let spdx = String(decoding: SPDXWriter.write(Self.document()), as: UTF8.self)
            .replacingOccurrences(of: "\"filesAnalyzed\" : false", with: "\"filesAnalyzed\" : \"no\"")
        #expect(spdx.contains("\"no\""))
        #expect(!(try SBOMSchemaValidator.validate(Array(spdx.utf8), schema: "spdx-2.3.schema.json")).isEmpty)
    }

    // MARK: CycloneDX content

    @Test func cycloneDXShape() throws {
        let bom = try Self.json(CycloneDXWriter.write(Self.document()))
        #expect(bom["bomFormat"] as? String == "CycloneDX")
        #expect(bom["specVersion"] as? String == "1.6")
        #expect(bom["version"] as? Int == 1)
        let serial = try #require(bom["serialNumber"] as? String)
        #expect(serial.hasPrefix("urn:uuid:") && serial.count == 45)
        let metadata = try #require(bom["metadata"] as? [String: Any])
        #expect(metadata["timestamp"] as? String == "2025-01-02T03:04:05Z")
        let subject = try #require(metadata["component"] as? [String: Any])
        #expect(subject["type"] as? String == "container")
        #expect(subject["name"] as? String == "docker.io/library/debian:12")
        #expect(subject["version"] as? String == SBOMSamples.digest)
        let tools = try #require((metadata["tools"] as? [String: Any])?["components"] as? [[String: Any]])
        #expect(tools.first?["name"] as? String == "palisade")
        #expect(tools.first?["version"] as? String == "0.1.0")
        let components = try #require(bom["components"] as? [[String: Any]])
        #expect(components.count == SBOMSamples.everyEcosystem.count + 1)
        let os = try #require(components.first)
        #expect(os["type"] as? String == "operating-system")
        #expect(os["name"] as? String == "debian")
        #expect(os["version"] as? String == "12")
        let refs = components.compactMap { $0["bom-ref"] as? String }
        #expect(Set(refs).count == components.count)
    }

    @Test func cycloneDXComponentFields() throws {
        let components = try #require(
            try Self.json(CycloneDXWriter.write(Self.document()))["components"] as? [[String: Any]])
        let libc = try #require(components.first { $0["name"] as? String == "libc6" })
        #expect(libc["type"] as? String == "library")
        #expect(libc["purl"] as? String == "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12")
        #expect(libc["licenses"] == nil)
        #expect(libc["group"] == nil)
        let properties = try #require(libc["properties"] as? [[String: String]])
        #expect(properties.contains(["name": "palisade:layer", "value": SBOMSamples.layer]))
        #expect(properties.contains(["name": "palisade:foundIn", "value": "/var/lib/dpkg/status"]))
        let maven = try #require(components.first { $0["name"] as? String == "batik-anim" })
        #expect(maven["group"] as? String == "org.apache.xmlgraphics")
        let cargo = try #require(components.first { $0["name"] as? String == "rand" })
        #expect(cargo["licenses"] as? [[String: String]] == [["expression": "MIT OR Apache-2.0"]])
        let composer = try #require(components.first { $0["name"] as? String == "framework" })
        let composerLicenses = try #require(composer["licenses"] as? [[String: [String: String]]])
        #expect(composerLicenses == [["license": ["id": "MIT"]], ["license": ["name": "custom licence text"]]])
        let nuget = try #require(components.first { $0["name"] as? String == "Newtonsoft.Json" })
        let nugetLicenses = try #require(nuget["licenses"] as? [[String: [String: String]]])
        #expect(nugetLicenses.first == ["license": ["name": "GPL-2.0-only WITH Classpath-exception-2.0"]])
    }

    @Test func cycloneDXWithoutLayerHasOnlyFoundIn() throws {
        var package = SBOMSamples.package(.gem, "rake", "13.0.0", foundIn: "/x.gemspec")
        package.layer = nil
        let components = try #require(
            try Self.json(CycloneDXWriter.write(Self.document(os: nil, packages: [package])))["components"]
                as? [[String: Any]])
        #expect(
            components.first?["properties"] as? [[String: String]] == [
                ["name": "palisade:foundIn", "value": "/x.gemspec"]
            ])
    }

    @Test func duplicatePurlsGetDistinctRefs() throws {
        let first = SBOMSamples.package(.pypi, "six", "1.16.0", foundIn: "/a")
        let second = SBOMSamples.package(.pypi, "six", "1.16.0", foundIn: "/b")
        let doc = Self.document(os: nil, packages: [first, second])
        let components = try #require(try Self.json(CycloneDXWriter.write(doc))["components"] as? [[String: Any]])
        #expect(components.compactMap { $0["bom-ref"] as? String } == ["pkg:pypi/six@1.16.0", "pkg:pypi/six@1.16.0#2"])
        let packages = try #require(try Self.json(SPDXWriter.write(doc))["packages"] as? [[String: Any]])
        let ids = packages.compactMap { $0["SPDXID"] as? String }
        #expect(Set(ids).count == 3)
    }

    // MARK: SPDX content

    @Test func spdxShape() throws {
        let doc = try Self.json(SPDXWriter.write(Self.document()))
        #expect(doc["spdxVersion"] as? String == "SPDX-2.3")
        #expect(doc["dataLicense"] as? String == "CC0-1.0")
        #expect(doc["SPDXID"] as? String == "SPDXRef-DOCUMENT")
        #expect(doc["name"] as? String == "docker.io/library/debian:12")
        let namespace = try #require(doc["documentNamespace"] as? String)
        #expect(namespace.hasPrefix("https://spdx.org/spdxdocs/palisade-docker.io-library-debian-12-"))
        let creation = try #require(doc["creationInfo"] as? [String: Any])
        #expect(creation["created"] as? String == "2025-01-02T03:04:05Z")
        #expect(creation["creators"] as? [String] == ["Tool: palisade-0.1.0"])
        let packages = try #require(doc["packages"] as? [[String: Any]])
        #expect(packages.count == SBOMSamples.everyEcosystem.count + 2)
        let relationships = try #require(doc["relationships"] as? [[String: String]])
        #expect(
            relationships.first == [
                "spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
                "relatedSpdxElement": "SPDXRef-image",
            ])
        #expect(relationships.filter { $0["relationshipType"] == "CONTAINS" }.count == packages.count - 1)
        for package in packages {
            let id = try #require(package["SPDXID"] as? String)
            #expect(id.hasPrefix("SPDXRef-"))
            #expect(
                id.utf8.allSatisfy {
                    $0 < 128
                        && (Character(UnicodeScalar($0)).isLetter || Character(UnicodeScalar($0)).isNumber
                            || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-"))
                })
            #expect(package["downloadLocation"] as? String == "NOASSERTION")
            #expect(package["filesAnalyzed"] as? Bool == false)
            #expect(package["licenseConcluded"] as? String == "NOASSERTION")
        }
    }

    @Test func spdxPackageFields() throws {
        let packages = try #require(try Self.json(SPDXWriter.write(Self.document()))["packages"] as? [[String: Any]])
        let npm = try #require(packages.first { $0["name"] as? String == "core" })
        #expect(npm["versionInfo"] as? String == "7.24.0")
        #expect(npm["licenseDeclared"] as? String == "MIT")
        #expect(
            npm["externalRefs"] as? [[String: String]] == [
                [
                    "referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                    "referenceLocator": "pkg:npm/%40babel/core@7.24.0",
                ]
            ])
        #expect((npm["sourceInfo"] as? String)?.contains("/app/node_modules/@babel/core/package.json") == true)
        let libc = try #require(packages.first { $0["name"] as? String == "libc6" })
        #expect(libc["licenseDeclared"] as? String == "NOASSERTION")
        let composer = try #require(packages.first { $0["name"] as? String == "framework" })
        #expect(composer["licenseDeclared"] as? String == "NOASSERTION")
        let nuget = try #require(packages.first { $0["name"] as? String == "Newtonsoft.Json" })
        #expect(nuget["licenseDeclared"] as? String == "(GPL-2.0-only WITH Classpath-exception-2.0) AND MIT")
        let os = try #require(packages.first { $0["primaryPackagePurpose"] as? String == "OPERATING_SYSTEM" })
        #expect(os["name"] as? String == "debian")
        #expect(os["versionInfo"] as? String == "12")
    }

    // MARK: determinism

    @Test func outputIsDeterministicAndContentAddressed() throws {
        let doc = Self.document()
        #expect(CycloneDXWriter.write(doc) == CycloneDXWriter.write(doc))
        #expect(SPDXWriter.write(doc) == SPDXWriter.write(doc))
        let reordered = Self.document(
            packages: SBOMAssembler.assemble(packages: SBOMSamples.everyEcosystem.reversed(), os: SBOMSamples.debian))
        #expect(CycloneDXWriter.write(doc) == CycloneDXWriter.write(reordered))
        let fewer = Self.document(packages: Array(doc.packages.dropLast()))
        let serial = try Self.json(CycloneDXWriter.write(doc))["serialNumber"] as? String
        let otherSerial = try Self.json(CycloneDXWriter.write(fewer))["serialNumber"] as? String
        #expect(serial != otherSerial)
        let namespace = try Self.json(SPDXWriter.write(doc))["documentNamespace"] as? String
        let otherNamespace = try Self.json(SPDXWriter.write(fewer))["documentNamespace"] as? String
        #expect(namespace != otherNamespace)
    }
}
