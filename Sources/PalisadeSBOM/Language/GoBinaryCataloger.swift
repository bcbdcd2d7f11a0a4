/// Go modules compiled into executables, read from the build info the Go linker embeds (see `GoBuildInfo`).
/// Reports, like Syft and Trivy:
/// - every `dep` module as `pkg:golang/<module path>@<version>`; a module replaced (`=>`) by another module is
///   reported as the replacement, one replaced by a local directory (`=> ./dir` with no version or `(devel)`) keeps
///   its path with version `(devel)`;
/// - the main module (`mod` line). Binaries built from a checkout record its version as `(devel)`, which names
///   no release: the package is still reported (it is what the image runs) with version `(devel)` and a purl
///   without a version, so nothing matches vulnerabilities against a made-up version;
/// - the standard library as `pkg:golang/stdlib@<Go version without "go">` (`go1.21.5` → `1.21.5`; an
///   experiment suffix such as ` X:boringcrypto` is dropped).
/// `GOARCH` from the build settings becomes each package's architecture.
public struct GoBinaryCataloger: PackageCataloger {
    public let id = "go-binary"
    public static let maxFileSize = 128 << 20

    public init() {}

    public func wants(path: String, size: Int, isExecutable: Bool) -> Bool {
        isExecutable && size >= 64 && size <= Self.maxFileSize
    }

    public func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        // Scripts and other non-binaries: nothing to say, and no error either.
        guard ELFFile.isELF(contents) || Self.looksLikeOtherBinary(contents) else { return [] }
        let info: GoBuildInfo
        do {
            info = try GoBuildInfo.parse(contents)
        } catch {
            switch error {
            case .noBuildInfo: return []
            case .malformed(let why): throw CatalogError(path: path, reason: "Go build info: \(why)")
            }
        }
        return Self.packages(info, path: path)
    }

    static func packages(_ info: GoBuildInfo, path: String) -> [Package] {
        let arch = info.settings.first { $0.key == "GOARCH" }?.value
        var found: [Package] = []
        if let main = info.main, !main.path.isEmpty {
            found.append(module(main, arch: arch, path: path))
        }
        for dep in info.dependencies where !dep.path.isEmpty {
            found.append(module(dep, arch: arch, path: path))
        }
        let goVersion = info.goVersion.split(separator: " ").first.map(String.init) ?? info.goVersion
        if goVersion.hasPrefix("go"), goVersion.count > 2 {
            let version = String(goVersion.dropFirst(2))
            found.append(
                Package(
                    ecosystem: .golang, name: "stdlib", version: version,
                    purl: LanguagePurl.make(type: .golang, name: "stdlib", version: version), architecture: arch,
                    foundIn: path))
        }
        return found
    }

    private static func module(_ module: GoBuildInfo.Module, arch: String?, path: String) -> Package {
        var modulePath = module.path
        var version = module.version
        if let replacement = module.replacement {
            if replacement.version.isEmpty || replacement.version == "(devel)" {
                version = "(devel)"
            } else {
                modulePath = replacement.path
                version = replacement.version
            }
        }
        if version.isEmpty { version = "(devel)" }
        let purlVersion = version == "(devel)" ? nil : version
        var namespace: String?
        var name = modulePath
        if let slash = modulePath.lastIndex(of: "/") {
            namespace = String(modulePath[..<slash])
            name = String(modulePath[modulePath.index(after: slash)...])
        }
        return Package(
            ecosystem: .golang, name: modulePath, version: version,
            purl: LanguagePurl.make(type: .golang, namespace: namespace, name: name, version: purlVersion),
            architecture: arch, foundIn: path)
    }

    /// Mach-O (thin and fat) and PE headers: Go ≥ 1.18 build info is found by searching, whatever the format.
    private static func looksLikeOtherBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 4 else { return false }
        let head = (UInt32(bytes[0]) << 24) | (UInt32(bytes[1]) << 16) | (UInt32(bytes[2]) << 8) | UInt32(bytes[3])
        switch head {
        case 0xFEED_FACE, 0xFEED_FACF, 0xCEFA_EDFE, 0xCFFA_EDFE, 0xCAFE_BABE: return true
        default: return bytes[0] == UInt8(ascii: "M") && bytes[1] == UInt8(ascii: "Z")
        }
    }
}
