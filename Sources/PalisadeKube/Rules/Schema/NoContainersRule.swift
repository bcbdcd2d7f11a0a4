import PalisadeCore
import PalisadeFormats

/// A workload whose pod spec has no containers (missing, null or empty `containers`): the API server rejects
/// it, and no security check can say anything about what it would run.
struct NoContainersRule: ObjectRule {
    let metadata = RuleMetadata.schema(
        id: "K8S-SCHEMA-NO-CONTAINERS", title: "Workload has no containers",
        why: "A pod spec needs at least one container; without one the object is rejected at apply time, often a "
            + "sign of a mis-indented manifest whose real settings (including security ones) sit at the wrong level.",
        remediation: "Add the containers list under the pod spec (spec.template.spec.containers for controllers) "
            + "and check the indentation of the pod template.")

    func applies(to object: KubeObject) -> Bool {
        PodSpecView.podSpecPath(forKind: object.kind, apiGroup: object.apiGroup) != nil
    }

    func evaluate(_ object: KubeObject, context: RuleContext) -> [Violation] {
        guard let path = PodSpecView.podSpecPath(forKind: object.kind, apiGroup: object.apiGroup) else { return [] }
        let keys = path + ["spec"]
        var node = object.root
        for (i, key) in keys.enumerated() {
            guard let next = node[key], !next.isNull else {
                let missing = (keys[i...] + ["containers"]).joined(separator: ".")
                return [
                    Violation(
                        "\(object.kind) \"\(object.name)\" has no pod spec containers", missing: missing, under: node)
                ]
            }
            // A wrong type on the way is K8S-SCHEMA-TYPE's finding.
            guard next.isMapping else { return [] }
            node = next
        }
        guard let containers = node["containers"], !containers.isNull else {
            return [
                Violation(
                    "\(object.kind) \"\(object.name)\" has no containers list", missing: "containers", under: node)
            ]
        }
        if let items = containers.items, items.isEmpty {
            return [Violation("\(object.kind) \"\(object.name)\" has an empty containers list", at: containers)]
        }
        return []
    }
}
