// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "palisade",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "palisade", targets: ["palisade"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // libyaml's event parser (Debian's libyaml-dev): ~50 MB/s, positions on every event.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // ISA-L's streaming inflate (Debian's libisal-dev): ~2x zlib for image layers.
        .systemLibrary(name: "CIsal", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]),
        .target(name: "PalisadeCore"),
        .target(name: "PalisadeFormats", dependencies: ["CYAML", "CIsal", "PalisadeCore"]),
        .target(name: "PalisadeKube", dependencies: ["PalisadeCore", "PalisadeFormats"]),
        .target(name: "PalisadeReport", dependencies: ["PalisadeCore"]),
        .executableTarget(
            name: "palisade",
            dependencies: [
                "PalisadeCore", "PalisadeFormats", "PalisadeKube", "PalisadeReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "PalisadeFormatsTests", dependencies: ["PalisadeFormats"]),
        .testTarget(
            name: "PalisadeKubeTests", dependencies: ["PalisadeKube", "PalisadeFormats", "PalisadeCore"]),
        .testTarget(name: "PalisadeReportTests", dependencies: ["PalisadeReport", "PalisadeCore"]),
        .testTarget(name: "PalisadeCLITests", dependencies: ["palisade"]),
    ],
    swiftLanguageModes: [.v6]
)
