import Foundation
import PalisadeVuln

@testable import PalisadeVulnDB

/// Temporary directories and the real OSV fixtures under Tests/Fixtures/osv-store.
enum StoreTestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/osv-store").path

    static func fixture(_ relative: String) -> String { fixtures + "/" + relative }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "palisade-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func openStore(in directory: String) throws -> AdvisoryStore {
        try AdvisoryStore.open(path: directory + "/advisories.db", readOnly: false)
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func copy(_ relative: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture(relative), toPath: path)
    }

    static func parse(_ relative: String) throws -> OSVRecord {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture(relative)))
        return try data.withUnsafeBytes { try OSVRecordParser.parse($0, file: relative) }
    }

    static let allFixtureRecords = [
        "pypa/jinja2/PYSEC-2014-8.yaml", "pypa/jinja2/PYSEC-2014-82.yaml", "pypa/jinja2/PYSEC-2019-217.yaml",
        "pypa/jinja2/PYSEC-2019-220.yaml", "pypa/jinja2/PYSEC-2021-66.yaml", "pypa/loguru/PYSEC-2022-15.yaml",
        "pypa/redis/PYSEC-2023-73.yaml", "go/GO-2020-0001.json", "go/GO-2020-0003.json", "go/GO-2022-0617.json",
    ]
}
