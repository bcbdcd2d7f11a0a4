import Foundation
import PalisadeSBOM

/// Paths of the fixtures the OS cataloger and SBOM writer tests read, inside the repository.
enum SBOMFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let osDirectory = repositoryRoot.appendingPathComponent("Tests/Fixtures/sbom-os")
    static let schemasDirectory = repositoryRoot.appendingPathComponent("Tests/Fixtures/schemas")

    static func osFixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: osDirectory.appendingPathComponent(name)))
    }

    /// Runs a cataloger over in-memory bytes, as the image pipeline does.
    static func catalog(_ cataloger: any PackageCataloger, path: String, _ bytes: [UInt8]) throws(CatalogError)
        -> [Package]
    {
        var result: Result<[Package], CatalogError> = .success([])
        bytes.withUnsafeBytes { buffer in
            do throws(CatalogError) {
                result = .success(try cataloger.catalog(path: path, contents: buffer))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    static func catalog(_ cataloger: any PackageCataloger, path: String, _ text: String) throws(CatalogError)
        -> [Package]
    {
        try catalog(cataloger, path: path, Array(text.utf8))
    }
}
