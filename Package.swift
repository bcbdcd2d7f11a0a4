// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "palisade",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "palisade", targets: ["palisade"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The admission webhook's HTTPS server (issue 6): NIO with BoringSSL, and swift-certificates
        // to create its CA and serving certificate in code.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    ],
    targets: [
        // libyaml's event parser (Debian's libyaml-dev): ~50 MB/s, positions on every event.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // ISA-L's streaming inflate (Debian's libisal-dev): ~2x zlib for image layers.
        .systemLibrary(name: "CIsal", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]),
        // zstd-compressed layers (Debian's libzstd-dev).
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // Hyperscan (amd64) or its API-compatible fork vectorscan (arm64): all secret patterns in one pass.
        .systemLibrary(name: "CHyperscan", pkgConfig: "libhs", providers: [.apt(["libhyperscan-dev"])]),
        // PCRE2 JIT: exact match bounds, only around Hyperscan's hits.
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        // SQLite, to read rpmdb.sqlite from memory (sqlite3_deserialize).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libcurl (Debian's libcurl4-openssl-dev): HTTPS with resume and conditional requests for `db update`.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Non-variadic wrappers: Swift cannot call curl_easy_setopt's C varargs directly.
        .target(name: "CCurlShim", dependencies: ["CCurl"]),
        .target(name: "PalisadeCore"),
        .target(name: "PalisadeFormats", dependencies: ["CYAML", "CIsal", "CZstd", "PalisadeCore"]),
        .target(name: "PalisadeSecrets", dependencies: ["PalisadeCore", "CHyperscan", "CPCRE2"]),
        .target(name: "PalisadeSBOM", dependencies: ["PalisadeCore", "PalisadeFormats", "CSQLite", "CIsal"]),
        // Vulnerability matching (issue 4): version schemes per ecosystem, CVSS, OSV.
        .target(name: "PalisadeVuln", dependencies: ["PalisadeCore", "PalisadeSBOM"]),
        // HTTP downloads (resume, ETag/If-Modified-Since, checksums) over libcurl.
        .target(name: "PalisadeHTTP", dependencies: ["CCurlShim", .product(name: "Crypto", package: "swift-crypto")]),
        // The embedded advisory database (SQLite): import, export, status, update, lookup.
        .target(
            name: "PalisadeVulnDB",
            dependencies: [
                "PalisadeVuln", "PalisadeFormats", "PalisadeCore", "PalisadeHTTP", "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "PalisadeImage",
            dependencies: [
                "PalisadeCore", "PalisadeFormats", "PalisadeSecrets", "PalisadeSBOM",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Registry v2 client (auth, TLS, manifests, verified blobs) and registry audit (issue 5).
        .target(
            name: "PalisadeRegistry",
            dependencies: [
                "PalisadeCore", "PalisadeHTTP", "PalisadeImage", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Seccomp profiles (issue 7): strace log parsing, the syscall table, the Docker/OCI profile model,
        // generation, grading and diff, and libseccomp loaded with dlopen (no build-time C dependency).
        .target(name: "PalisadeSeccomp", dependencies: ["PalisadeCore", "PalisadeFormats"]),
        .target(name: "PalisadeKube", dependencies: ["PalisadeCore", "PalisadeFormats", "PalisadeSeccomp"]),
        .target(name: "PalisadeReport", dependencies: ["PalisadeCore"]),
        // Attack paths (issue 8): one typed graph over RBAC, NetworkPolicy reachability and workload
        // posture, its shortest paths to crown jewels, and its pictures (dot, svg, mermaid, json, html).
        .target(name: "PalisadeGraph", dependencies: ["PalisadeCore", "PalisadeFormats", "PalisadeKube"]),
        // Admission policy (issue 6): the policy file, AdmissionReview decisions, mutation, audit-log
        // replay. Pure: no I/O beyond reading files, so `replay` and the server share every decision.
        .target(name: "PalisadePolicy", dependencies: ["PalisadeCore", "PalisadeFormats", "PalisadeKube"]),
        // The admission webhook's HTTPS server and its install manifests, thin over PalisadePolicy.
        .target(
            name: "PalisadeAdmission",
            dependencies: [
                "PalisadeCore", "PalisadePolicy",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .executableTarget(
            name: "palisade",
            dependencies: [
                "PalisadeCore", "PalisadeFormats", "PalisadeKube", "PalisadeReport", "PalisadeImage",
                "PalisadeSBOM", "PalisadeSecrets", "PalisadeVuln", "PalisadeVulnDB", "PalisadeRegistry",
                "PalisadePolicy", "PalisadeAdmission", "PalisadeSeccomp", "PalisadeGraph",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "PalisadeFormatsTests", dependencies: ["PalisadeFormats"]),
        .testTarget(
            name: "PalisadeKubeTests",
            dependencies: ["PalisadeKube", "PalisadeFormats", "PalisadeCore", "SeededRandom"]),
        .testTarget(
            name: "PalisadeSeccompTests", dependencies: ["PalisadeSeccomp", "PalisadeFormats", "PalisadeCore"]),
        .testTarget(
            name: "PalisadeGraphTests",
            dependencies: ["PalisadeGraph", "PalisadeKube", "PalisadeFormats", "PalisadeCore", "SeededRandom"]),
        .testTarget(name: "PalisadeReportTests", dependencies: ["PalisadeReport", "PalisadeCore"]),
        .testTarget(name: "PalisadeSecretsTests", dependencies: ["PalisadeSecrets", "PalisadeCore"]),
        .testTarget(
            name: "PalisadeVulnTests", dependencies: ["PalisadeVuln", "PalisadeSBOM", "PalisadeCore", "SeededRandom"]),
        .testTarget(
            name: "PalisadeVulnDBTests",
            dependencies: ["PalisadeVulnDB", "PalisadeVuln", "PalisadeFormats", "PalisadeCore"]
        ),
        .testTarget(
            name: "PalisadeHTTPTests",
            dependencies: [
                "PalisadeHTTP", "PalisadeVulnDB", "OSVTestServerSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .testTarget(
            name: "PalisadeSBOMTests",
            dependencies: ["PalisadeSBOM", "PalisadeCore", "PalisadeFormats", "SeededRandom"]),
        .testTarget(
            name: "PalisadeImageTests",
            dependencies: ["PalisadeImage", "PalisadeSBOM", "PalisadeSecrets", "PalisadeFormats", "PalisadeCore"]),
        .testTarget(
            name: "PalisadeCLITests", dependencies: ["palisade", "OSVTestServerSupport", "RegistryTestSupport"]),
        .testTarget(
            name: "PalisadeRegistryTests",
            dependencies: [
                "PalisadeRegistry", "PalisadeImage", "PalisadeHTTP", "RegistryTestSupport", "OSVTestServerSupport",
            ]),
        .testTarget(
            name: "PalisadePolicyTests",
            dependencies: ["PalisadePolicy", "PalisadeKube", "PalisadeFormats", "PalisadeCore"]),
        .testTarget(
            name: "PalisadeAdmissionTests",
            dependencies: [
                "PalisadeAdmission", "PalisadePolicy", "PalisadeHTTP", "PalisadeFormats", "PalisadeCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // A real CNCF Distribution registry (Debian's docker-registry) on loopback, for registry tests.
        .target(name: "RegistryTestSupport", path: "Tests/Support/RegistryServer"),
        // The HTTPS archive server the download and `db update` tests share (scripts/osv-test-server.py).
        .target(name: "OSVTestServerSupport", path: "Tests/Support/OSVTestServer"),
        // A seedable random generator for fuzz and property tests.
        .target(name: "SeededRandom", path: "Tests/Support/SeededRandom"),
    ],
    swiftLanguageModes: [.v6]
)
