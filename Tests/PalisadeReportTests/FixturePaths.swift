import Foundation

/// Paths of fixtures in this repository, found from this source file so tests run from any directory.
enum FixturePaths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent()
    static let golden = testsDirectory.appendingPathComponent("Fixtures/golden")
    static let sarifSchema = testsDirectory.appendingPathComponent("Fixtures/schemas/sarif-2.1.0.schema.json")
    static let reportSchema = repositoryRoot.appendingPathComponent("docs/palisade-report-v1.schema.json")
}
