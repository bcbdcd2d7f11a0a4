import Foundation

/// Validates SBOM JSON against the official CycloneDX 1.6 and SPDX 2.3 schemas with Python's
/// `jsonschema` (installed by `scripts/setup`), offline: the CycloneDX schema's relative `$ref`s
/// to `spdx.schema.json` and `jsf-0.82.schema.json` resolve through a `referencing` registry
/// holding the local copies in `Tests/Fixtures/schemas`.
enum SBOMSchemaValidator {
    static let script = """
        import json, sys
        import jsonschema
        from referencing import Registry, Resource
        directory, schema_name, document_path = sys.argv[1], sys.argv[2], sys.argv[3]
        def load(name):
            with open(directory + "/" + name, encoding="utf-8") as f:
                return json.load(f)
        # Each schema under its own $id: the CycloneDX schema's relative "spdx.schema.json" and
        # "jsf-0.82.schema.json" resolve against its $id to exactly those of the local copies.
        registry = Registry().with_resources(
            (contents["$id"], Resource.from_contents(contents))
            for contents in map(load, ["cyclonedx-bom-1.6.schema.json", "cyclonedx-spdx.schema.json",
                                       "cyclonedx-jsf-0.82.schema.json", "spdx-2.3.schema.json"]))
        schema = load(schema_name)
        with open(document_path, encoding="utf-8") as f:
            doc = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors[:20]:
            print("/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message[:300])
        sys.exit(1 if errors else 0)
        """

    /// Whether `python3` with `jsonschema` ≥ 4.18 (which brings `referencing`) can run here.
    static let isAvailable: Bool = {
        (try? run(["-c", "import jsonschema, referencing"]))?.status == 0
    }()

    /// True when running in CI, where a missing validator is a setup failure, not a skip.
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Validation errors (empty when valid).
    static func validate(_ document: [UInt8], schema: String) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-sbom-\(UUID().uuidString).json")
        try Data(document).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run(["-c", script, SBOMFixtures.schemasDirectory.path, schema, file.path])
        if result.status == 0 { return [] }
        let lines = result.output.split(separator: "\n").map(String.init)
        return lines.isEmpty ? ["validator exited with status \(result.status)"] : lines
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
