import Foundation
import PalisadeVuln

enum VEXSupport {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/vex/\(name)")
        return Array(try Data(contentsOf: url))
    }

    static func parse(_ bytes: [UInt8], file: String = "vex.json") throws(VEXParseError) -> VEXDocument {
        let result: Result<VEXDocument, VEXParseError> = bytes.withUnsafeBytes { buffer in
            do throws(VEXParseError) {
                return .success(try VEXDocument.parse(buffer, file: file))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func parse(_ text: String, file: String = "vex.json") throws(VEXParseError) -> VEXDocument {
        try parse(Array(text.utf8), file: file)
    }
}
