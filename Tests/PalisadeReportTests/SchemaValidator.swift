import Foundation

/// Validates JSON documents against a JSON Schema with Python's `jsonschema` package (installed
/// by `scripts/setup`). Swift has no maintained validator; shelling out keeps the check honest.
enum SchemaValidator {
    static let script = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        doc = json.load(open(sys.argv[2], encoding="utf-8"))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors[:20]:
            print("/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message[:300])
        sys.exit(1 if errors else 0)
        """

    /// Whether `python3` with `jsonschema` can run here.
    static let isAvailable: Bool = {
        (try? run(["-c", "import jsonschema"]))?.status == 0
    }()

    /// True when running in CI, where a missing validator is a setup failure, not a skip.
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Validation errors (empty when valid).
    static func validate(_ document: String, schema: URL) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-report-\(UUID().uuidString).json")
        try Data(document.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run(["-c", script, schema.path, file.path])
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
