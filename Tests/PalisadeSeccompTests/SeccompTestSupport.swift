import Foundation
import PalisadeSeccomp

/// Fixture files and small profiles shared by the seccomp tests.
enum SeccompFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    static func profile(_ relative: String) throws -> SeccompProfile {
        try SeccompProfileReader().read(try bytes(relative), file: relative)
    }

    static func parse(_ json: String, file: String = "test.json") throws -> SeccompProfile {
        try SeccompProfileReader().read(Array(json.utf8), file: file)
    }

    static var containersCommon: SeccompProfile {
        get throws { try profile("containers-common/seccomp.json") }
    }
}
