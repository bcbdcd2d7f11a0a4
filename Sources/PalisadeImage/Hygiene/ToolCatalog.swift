/// Executables that make an image non-minimal, or that rules single out (sshd, sudo), by basename.
enum ToolKind: Int, Sendable, Hashable, CaseIterable, Comparable {
    case shell, packageManager, networkTool, compiler, sshd, sudo

    static func < (a: ToolKind, b: ToolKind) -> Bool { a.rawValue < b.rawValue }

    /// The kinds the minimal-image score counts.
    static let minimalScoreKinds: [ToolKind] = [.shell, .packageManager, .networkTool, .compiler]

    var label: String {
        switch self {
        case .shell: "shells"
        case .packageManager: "package managers"
        case .networkTool: "network tools"
        case .compiler: "compilers and build tools"
        case .sshd: "SSH servers"
        case .sudo: "sudo"
        }
    }
}

enum ToolCatalog {
    static let names: [Substring: ToolKind] = {
        var table: [Substring: ToolKind] = [:]
        func add(_ kind: ToolKind, _ names: [String]) { for n in names { table[Substring(n)] = kind } }
        add(.shell, ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "csh", "tcsh", "fish", "busybox"])
        add(
            .packageManager,
            [
                "apt", "apt-get", "aptitude", "dpkg", "apk", "yum", "dnf", "microdnf", "tdnf", "rpm", "zypper",
                "pacman", "opkg", "pip", "pip2", "pip3", "easy_install", "npm", "yarn", "pnpm", "gem",
            ])
        add(.networkTool, ["curl", "wget", "nc", "ncat", "netcat", "socat", "telnet", "ftp", "tftp", "ssh", "scp"])
        add(.compiler, ["gcc", "g++", "cc", "c++", "clang", "clang++", "make", "rustc", "cargo", "go", "gfortran"])
        add(.sshd, ["sshd", "dropbear"])
        add(.sudo, ["sudo"])
        return table
    }()

    /// Longest basename worth a table lookup (`easy_install` plus a version suffix).
    static let maximumNameLength = 16

    /// The kind of a basename, also for versioned names (`gcc-12`, `pip3.12`, `python3`-style suffixes).
    static func kind(of basename: Substring) -> ToolKind? {
        if let k = names[basename] { return k }
        guard let last = basename.utf8.last, last >= UInt8(ascii: "0"), last <= UInt8(ascii: "9") else { return nil }
        // Strip one `-<digits.>` or `.<digits>` suffix: gcc-12 → gcc, pip3.12 → pip3.
        var end = basename.endIndex
        while end > basename.startIndex {
            let prev = basename.index(before: end)
            let c = basename[prev]
            if c.isASCII && (c.isNumber || c == ".") { end = prev } else { break }
        }
        guard end > basename.startIndex else { return nil }
        let prev = basename.index(before: end)
        if basename[prev] == "-" { return names[basename[..<prev]] }
        // pip3.12: the trailing digits run started after "pip"; retry with the major version kept.
        if let dot = basename[end...].firstIndex(of: "."), dot > end {
            return names[basename[..<dot]]
        }
        return nil
    }

    /// Directories whose executables are on the default PATH.
    static let binaryDirectories: Set<String> = [
        "/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin",
    ]
}
