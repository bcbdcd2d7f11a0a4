import PalisadeCore

/// Findings of one file, split by object, in order of first appearance (reports arrive in
/// file/line order, so this keeps that order without re-sorting).
struct FileGroup {
    struct ObjectGroup {
        let object: ObjectReference?
        var findings: [Finding]

        /// `Deployment/prod/web`, or a marker for findings about the file itself.
        var label: String { object?.displayName ?? "(file)" }
    }

    let file: String
    var objects: [ObjectGroup]

    static func grouping(_ findings: [Finding]) -> [FileGroup] {
        var groups: [FileGroup] = []
        var fileIndex: [String: Int] = [:]
        var objectIndex: [String: [ObjectReference?: Int]] = [:]
        for finding in findings {
            let file = finding.location.file
            let fi: Int
            if let existing = fileIndex[file] {
                fi = existing
            } else {
                fi = groups.count
                fileIndex[file] = fi
                groups.append(FileGroup(file: file, objects: []))
            }
            if let oi = objectIndex[file]?[finding.object] {
                groups[fi].objects[oi].findings.append(finding)
            } else {
                objectIndex[file, default: [:]][finding.object] = groups[fi].objects.count
                groups[fi].objects.append(ObjectGroup(object: finding.object, findings: [finding]))
            }
        }
        return groups
    }
}
