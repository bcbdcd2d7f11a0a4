import Foundation
import PalisadeCore

/// The profiles of a kubelet seccomp directory (`/var/lib/kubelet/seccomp`, or a copy of it), graded
/// once, so `palisade k8s --seccomp-dir` can judge every pod that points at one with
/// `seccompProfile.type: Localhost` without reading a file per pod.
public struct LocalhostProfiles: Sendable {
    /// What the directory holds at one `localhostProfile` path.
    public enum Entry: Sendable {
        /// The profile loaded; `findings` is the grader's verdict.
        case graded(findings: [Finding])
        /// The file is there but is not a profile (the kubelet would fail the container).
        case invalid(reason: String)
    }

    public let directory: String
    private let entries: [String: Entry]

    /// Files larger than this are reported invalid instead of read (profiles are a few KB).
    public static let maxFileSize = 4 << 20
    /// At most this many files are read from the directory tree.
    public static let maxFiles = 20_000

    public init(directory: String, entries: [String: Entry]) {
        self.directory = directory
        self.entries = entries
    }

    /// Reads and grades every `.json`, `.yaml` and `.yml` file under `directory`.
    public static func load(directory: String, grader: ProfileGrader) throws(InputError) -> LocalhostProfiles {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: directory, reason: "--seccomp-dir is not a directory")
        }
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        var entries: [String: Entry] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        var count = 0
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".json") || relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") else {
                continue
            }
            count += 1
            if count > maxFiles { break }
            let path = root + "/" + relative
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            if (attributes?[.type] as? FileAttributeType) == .typeDirectory { continue }
            if let size = attributes?[.size] as? Int, size > maxFileSize {
                entries[relative] = .invalid(reason: "larger than \(maxFileSize >> 20) MB")
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                entries[relative] = .invalid(reason: "cannot be read")
                continue
            }
            do {
                let profile = try SeccompProfileReader().read(Array(data), file: path)
                entries[relative] = .graded(findings: grader.grade(profile, file: path))
            } catch {
                entries[relative] = .invalid(reason: error.description)
            }
        }
        return LocalhostProfiles(directory: directory, entries: entries)
    }

    /// The entry for a pod's `localhostProfile` (relative to the seccomp directory, like the kubelet
    /// resolves it); `nil` when no such file is there.
    public func entry(for localhostProfile: String) -> Entry? {
        var parts: [Substring] = []
        for part in localhostProfile.split(separator: "/") where part != "." {
            if part == ".." {
                // The kubelet refuses paths that leave its directory; so do we.
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return entries[parts.joined(separator: "/")]
    }
}
