// TEMPORARY: the lead's compile-time stand-in for the SBOM helpers' API; deleted at merge.
public enum OSPackageCatalogers { public static let all: [any PackageCataloger] = [] }
public enum LanguageCatalogers { public static let all: [any PackageCataloger] = [] }
public enum OSReleaseParser {
    public static let paths: [String] = ["/etc/os-release", "/usr/lib/os-release"]
    public static func parse(_ bytes: [UInt8]) -> OSRelease? { nil }
}
public struct SBOMDocument: Sendable {
    public var subjectName: String
    public var subjectDigest: String?
    public var os: OSRelease?
    public var packages: [Package]
    public var toolName: String
    public var toolVersion: String
    public var created: String
    public init(subjectName: String, subjectDigest: String?, os: OSRelease?, packages: [Package], toolName: String,
                toolVersion: String, created: String) {
        self.subjectName = subjectName; self.subjectDigest = subjectDigest; self.os = os; self.packages = packages
        self.toolName = toolName; self.toolVersion = toolVersion; self.created = created
    }
}
public enum SBOMAssembler { public static func assemble(packages: [Package], os: OSRelease?) -> [Package] { packages } }
public enum CycloneDXWriter { public static func write(_ doc: SBOMDocument) -> [UInt8] { [] } }
public enum SPDXWriter { public static func write(_ doc: SBOMDocument) -> [UInt8] { [] } }
