import PalisadeCore
import PalisadeFormats

/// Reads a profile from Docker/OCI JSON, or from a Security Profiles Operator `SeccompProfile`
/// object (YAML or JSON; its `spec` is the same profile). Every mistake is one
/// `FILE:LINE:COL: reason` error; keys this reader does not know are ignored, as Docker does.
public struct SeccompProfileReader: Sendable {
    public init() {}

    public func read(_ bytes: [UInt8], file: String) throws(InputError) -> SeccompProfile {
        let root = try parseDocument(bytes, file: file)
        var node = root
        if root["kind"]?.string == "SeccompProfile" {
            guard let spec = root["spec"], spec.isMapping else {
                throw error(file, root, "a SeccompProfile object needs a spec mapping")
            }
            node = spec
        }
        return try profile(from: node, file: file)
    }

    private func parseDocument(_ bytes: [UInt8], file: String) throws(InputError) -> YAMLNode {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw InputError(file: file, line: 1, column: 1, reason: "empty file, expected a seccomp profile")
        }
        if first == UInt8(ascii: "{") {
            return try JSONTreeParser().parse(bytes, file: file)
        }
        let (documents, errors) = bytes.withUnsafeBytes { YAMLStreamParser.parseAll(bytes: $0, file: file) }
        if let problem = errors.first { throw problem }
        guard let root = documents.first?.root else {
            throw InputError(file: file, line: 1, column: 1, reason: "no document, expected a seccomp profile")
        }
        return root
    }

    private func profile(from node: YAMLNode, file: String) throws(InputError) -> SeccompProfile {
        guard node.isMapping else {
            throw error(file, node, "expected a JSON object with defaultAction and syscalls, found \(node.typeName)")
        }
        guard let actionNode = node["defaultAction"] else {
            throw error(file, node, "missing defaultAction (e.g. \"SCMP_ACT_ERRNO\")")
        }
        var profile = SeccompProfile(defaultAction: try action(actionNode, file: file))
        profile.defaultActionMark = actionNode.mark
        profile.defaultErrnoRet = try optionalInt(node["defaultErrnoRet"], "defaultErrnoRet", file: file)
        profile.architectures = try strings(node["architectures"], "architectures", file: file)
        profile.flags = try strings(node["flags"], "flags", file: file)
        profile.listenerPath = node["listenerPath"]?.string
        if let map = node["archMap"], !map.isNull {
            guard let items = map.items else { throw error(file, map, "archMap must be a list") }
            for item in items {
                guard let arch = item["architecture"]?.string else {
                    throw error(file, item, "archMap entry needs an architecture")
                }
                profile.archMap.append(
                    ArchitectureMapping(
                        architecture: arch,
                        subArchitectures: try strings(item["subArchitectures"], "subArchitectures", file: file)))
            }
        }
        if let list = node["syscalls"], !list.isNull {
            guard let items = list.items else { throw error(file, list, "syscalls must be a list of rules") }
            for item in items {
                profile.syscalls.append(try rule(item, file: file))
            }
        }
        return profile
    }

    private func rule(_ node: YAMLNode, file: String) throws(InputError) -> SyscallRule {
        guard node.isMapping else {
            throw error(file, node, "a syscall rule must be an object, found \(node.typeName)")
        }
        var names = try strings(node["names"], "names", file: file)
        var nameMarks = node["names"]?.items?.map(\.mark) ?? []
        if let single = node["name"], let name = single.string {
            names.append(name)
            nameMarks.append(single.mark)
        }
        guard !names.isEmpty else { throw error(file, node, "syscall rule has no names") }
        guard let actionNode = node["action"] else { throw error(file, node, "syscall rule has no action") }
        var rule = SyscallRule(names: names, action: try action(actionNode, file: file), mark: node.mark)
        rule.nameMarks = nameMarks
        rule.errnoRet = try optionalInt(node["errnoRet"], "errnoRet", file: file)
        rule.comment = node["comment"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        rule.includes = try filter(node["includes"], file: file)
        rule.excludes = try filter(node["excludes"], file: file)
        if let args = node["args"], !args.isNull {
            guard let items = args.items else { throw error(file, args, "args must be a list") }
            for item in items {
                rule.args.append(try argument(item, file: file))
            }
        }
        return rule
    }

    private func argument(_ node: YAMLNode, file: String) throws(InputError) -> ArgumentCondition {
        guard node.isMapping else { throw error(file, node, "an argument condition must be an object") }
        guard let index = node["index"]?.int, (0...5).contains(index) else {
            throw error(file, node["index"] ?? node, "argument index must be 0 to 5")
        }
        guard let opName = node["op"]?.string else { throw error(file, node, "argument condition needs an op") }
        guard let op = SeccompComparison(rawValue: opName) else {
            let known = SeccompComparison.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(file, node["op"] ?? node, "unknown comparison \(opName) (known: \(known))")
        }
        return ArgumentCondition(
            index: index, value: try unsigned(node["value"], "value", file: file),
            valueTwo: try unsigned(node["valueTwo"], "valueTwo", file: file), op: op)
    }

    private func filter(_ node: YAMLNode?, file: String) throws(InputError) -> RuleFilter? {
        guard let node, !node.isNull else { return nil }
        guard node.isMapping else { throw error(file, node, "includes/excludes must be an object") }
        let filter = RuleFilter(
            caps: try strings(node["caps"], "caps", file: file),
            arches: try strings(node["arches"], "arches", file: file),
            minKernel: node["minKernel"]?.string)
        return filter.isEmpty ? nil : filter
    }

    private func action(_ node: YAMLNode, file: String) throws(InputError) -> SeccompAction {
        guard let name = node.string, !name.isEmpty else {
            throw error(file, node, "an action must be a string such as SCMP_ACT_ALLOW, found \(node.typeName)")
        }
        return SeccompAction(rawValue: name)
    }

    private func strings(_ node: YAMLNode?, _ field: String, file: String) throws(InputError) -> [String] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.items else { throw error(file, node, "\(field) must be a list of strings") }
        var out: [String] = []
        for item in items {
            // A number or boolean is never a name, an action or an architecture.
            guard let s = item.string, item.scalar != nil, item.int == nil, item.bool == nil else {
                throw error(file, item, "\(field) must be a list of strings, found \(item.typeName)")
            }
            out.append(s)
        }
        return out
    }

    private func optionalInt(_ node: YAMLNode?, _ field: String, file: String) throws(InputError) -> Int? {
        guard let node, !node.isNull else { return nil }
        guard let value = node.int, value >= 0, value <= 0xFFFF else {
            throw error(file, node, "\(field) must be an errno number between 0 and 65535")
        }
        return value
    }

    private func unsigned(_ node: YAMLNode?, _ field: String, file: String) throws(InputError) -> UInt64 {
        guard let node, !node.isNull else { return 0 }
        guard let text = node.string, let value = UInt64(text) else {
            throw error(file, node, "\(field) must be an unsigned 64-bit number")
        }
        return value
    }

    private func error(_ file: String, _ node: YAMLNode, _ reason: String) -> InputError {
        InputError(file: file, line: node.mark.line, column: node.mark.column, reason: reason)
    }
}
