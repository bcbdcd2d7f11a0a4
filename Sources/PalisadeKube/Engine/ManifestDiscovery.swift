import Foundation
import PalisadeCore

/// Where manifests come from: files, directories (walked recursively), or standard input.
public enum KubeInput: Sendable, Hashable {
    case file(String)
    case standardInput
}

/// Expands command-line paths into the manifest files to read.
public enum ManifestDiscovery {
    static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// Expands `-` to stdin and directories to the YAML/JSON files below them (sorted, hidden
    /// folders such as `.git` skipped). Paths that do not exist become errors.
    public static func expand(_ arguments: [String]) -> (inputs: [KubeInput], errors: [InputError]) {
        var inputs: [KubeInput] = []
        var errors: [InputError] = []
        let fm = FileManager.default
        for arg in arguments {
            if arg == "-" {
                inputs.append(.standardInput)
                continue
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: arg, isDirectory: &isDir) else {
                errors.append(InputError(file: arg, reason: "no such file or directory"))
                continue
            }
            if !isDir.boolValue {
                inputs.append(.file(arg))
                continue
            }
            var found: [String] = []
            walk(arg, into: &found, depth: 0)
            found.sort()
            inputs.append(contentsOf: found.map(KubeInput.file))
        }
        return (inputs, errors)
    }

    private static func walk(_ dir: String, into found: inout [String], depth: Int) {
        guard depth < 64, let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in entries where !name.hasPrefix(".") {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                // Do not follow symlinked directories: they can loop.
                if let attrs = try? FileManager.default.attributesOfItem(atPath: path),
                    attrs[.type] as? FileAttributeType == .typeSymbolicLink
                {
                    continue
                }
                walk(path, into: &found, depth: depth + 1)
            } else if let dot = name.lastIndex(of: "."),
                extensions.contains(name[name.index(after: dot)...].lowercased()), isRegularFile(path)
            {
                found.append(path)
            }
        }
    }

    /// Only regular files (after following symlinks): a `deploy.yaml -> /dev/zero` link or a FIFO
    /// in a scanned tree must not hang the scan.
    private static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }
}
