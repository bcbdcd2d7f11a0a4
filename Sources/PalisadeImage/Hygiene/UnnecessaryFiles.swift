/// Files no runtime image needs (Dockle DKL-LI-0003), by basename.
enum UnnecessaryFiles {
    static let basenames: [[UInt8]] = [
        ".DS_Store", "Thumbs.db", "desktop.ini", "Dockerfile", "docker-compose.yml", "docker-compose.yaml",
        ".bash_history", ".zsh_history", ".ash_history", ".sh_history", ".python_history", ".mysql_history",
        ".psql_history", ".node_repl_history", ".viminfo", ".lesshst",
    ].map { Array($0.utf8) }

    static func isUnnecessaryBasename(_ p: PathBytes, _ start: Int) -> Bool {
        guard start < p.count else { return false }
        let first = p[start]
        guard
            first == UInt8(ascii: ".") || first == UInt8(ascii: "D") || first == UInt8(ascii: "T")
                || first == UInt8(ascii: "d")
        else { return false }
        let base = start..<p.count
        return p.equalsAny(base, basenames)
    }
}

/// Files that hold login credentials by convention, by basename (and parent directory where the
/// basename alone is generic). Framework files Dockle listed (settings.py, database.yml) are left out:
/// every Django or Rails package ships one, which is Dockle's "package names" false positive.
enum CredentialFileNames {
    private static let anywhere: [[UInt8]] = [".git-credentials", ".netrc", ".pgpass", ".my.cnf", "password.txt"]
        .map { Array($0.utf8) }
    private static let inParent: [(parent: [UInt8], name: [UInt8])] = [
        (ascii(".aws"), ascii("credentials")), (ascii(".docker"), ascii("config.json")),
        (ascii(".kube"), ascii("config")),
    ]

    static func matches(_ p: PathBytes, _ start: Int) -> Bool {
        guard start > 1, start < p.count else { return false }
        let first = p[start]
        guard first == UInt8(ascii: ".") || first == UInt8(ascii: "p") || first == UInt8(ascii: "c") else {
            return false
        }
        let base = start..<p.count
        if p.equalsAny(base, anywhere) { return true }
        let parentEnd = start - 1
        var parentStart = parentEnd
        while parentStart > 0, p[parentStart - 1] != UInt8(ascii: "/") { parentStart -= 1 }
        let parent = parentStart..<parentEnd
        return inParent.contains { p.equals(base, $0.name) && p.equals(parent, $0.parent) }
    }
}
