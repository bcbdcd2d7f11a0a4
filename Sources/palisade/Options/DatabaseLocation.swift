import ArgumentParser
import Foundation

/// Where the advisory database lives: `--db`, else `$PALISADE_DB`, else the user's cache
/// directory (`$PALISADE_CACHE_DIR`, `$XDG_CACHE_HOME/palisade`, `~/.cache/palisade`), the
/// same directory the secret scanner caches its compiled patterns in.
struct DatabaseLocation: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("Advisory database file.", valueName: "PATH"))
    var path: String?

    var resolved: String {
        let env = ProcessInfo.processInfo.environment
        if let path { return path }
        if let p = env["PALISADE_DB"], !p.isEmpty { return p }
        return Self.cacheDirectory(env) + "/advisories.db"
    }

    static func cacheDirectory(_ env: [String: String]) -> String {
        if let d = env["PALISADE_CACHE_DIR"], !d.isEmpty { return d }
        if let x = env["XDG_CACHE_HOME"], !x.isEmpty { return x + "/palisade" }
        return (env["HOME"] ?? NSHomeDirectory()) + "/.cache/palisade"
    }
}
