import Foundation
import PalisadeSBOM

/// Reads SBOM fixtures from Tests/Fixtures/sbom-peers and parses byte arrays with the reader.
enum SBOMReaderSupport {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sbom-peers/\(name)")
        return Array(try Data(contentsOf: url))
    }

    static func read(_ bytes: [UInt8], file: String = "test.json") throws(SBOMReadError) -> ReadSBOM {
        let result: Result<ReadSBOM, SBOMReadError> = bytes.withUnsafeBytes { buffer in
            do throws(SBOMReadError) {
                return .success(try SBOMDocumentReader.read(buffer, file: file))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func read(_ text: String) throws(SBOMReadError) -> ReadSBOM { try read(Array(text.utf8)) }
}
