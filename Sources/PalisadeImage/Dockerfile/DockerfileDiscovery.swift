import Foundation
import PalisadeCore

/// Finds Dockerfiles: files named `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `Containerfile`
/// or `Containerfile.*` (case-insensitive), below directories given on the command line.
public enum DockerfileDiscovery {
    /// Whether a file name is a Dockerfile by convention (`Dockerfile.dockerignore` is not).
    public static func isDockerfileName(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasSuffix(".dockerignore") { return false }
        for base in ["dockerfile", "containerfile"] where lower == base || lower.hasPrefix(base + ".") {
            return true
        }
        return lower.hasSuffix(".dockerfile") || lower.hasSuffix(".containerfile")
    }

    /// Expands arguments: `-` is stdin, files are taken as given (whatever their name),
    /// directories are searched recursively. Missing paths become errors.
    public static func expand(_ arguments: [String]) -> (inputs: [String], errors: [InputError]) {
        var inputs: [String] = []
        var errors: [InputError] = []
        for arg in arguments {
            if arg == "-" {
                inputs.append(arg)
                continue
            }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: arg, isDirectory: &isDir) else {
                errors.append(InputError(file: arg, reason: "no such file or directory"))
                continue
            }
            inputs.append(contentsOf: isDir.boolValue ? find(in: arg) : [arg])
        }
        return (inputs, errors)
    }

    /// Dockerfiles below `directory`, sorted; hidden folders and symlinked folders are skipped.
    public static func find(in directory: String) -> [String] {
        var found: [String] = []
        walk(directory, into: &found, depth: 0)
        return found.sorted()
    }

    private static func walk(_ dir: String, into found: inout [String], depth: Int) {
        let fm = FileManager.default
        guard depth < 64, let entries = try? fm.contentsOfDirectory(atPath: dir) else { return }
        for name in entries where !name.hasPrefix(".") {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            let type = st.st_mode & S_IFMT
            if type == S_IFDIR {
                walk(path, into: &found, depth: depth + 1)
            } else if isDockerfileName(name), isRegularFile(path) {
                found.append(path)
            }
        }
    }

    /// Regular file after following symlinks: a FIFO or `/dev/zero` link must not hang the scan.
    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }
}
