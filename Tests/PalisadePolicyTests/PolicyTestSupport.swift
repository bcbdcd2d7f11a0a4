import PalisadeCore
import PalisadeFormats
import PalisadePolicy

/// Helpers shared by the policy tests. Requests always go through the AdmissionReview codec
/// (encoded in the API server's shape, then decoded), as the webhook receives them.
enum PolicyTestSupport {
    static func node(_ yaml: String) -> YAMLNode {
        let bytes = Array(yaml.utf8)
        return bytes.withUnsafeBytes { raw in
            let parser = YAMLStreamParser(bytes: raw, file: "test.yaml")
            return try! parser.next()!.root
        }
    }

    static func policy(_ yaml: String) throws -> AdmissionPolicy {
        try AdmissionPolicy.parse(yaml, file: "policy.yaml")
    }

    /// Decodes a body the way the server does.
    static func decode(_ body: [UInt8]) throws -> AdmissionRequest {
        try body.withUnsafeBytes { raw in try AdmissionReviewCodec.decode(raw) }
    }

    static func resource(forKind kind: String) -> (group: String, version: String, resource: String) {
        switch kind {
        case "Pod": ("", "v1", "pods")
        case "Namespace": ("", "v1", "namespaces")
        case "Service": ("", "v1", "services")
        case "Deployment": ("apps", "v1", "deployments")
        case "StatefulSet": ("apps", "v1", "statefulsets")
        case "DaemonSet": ("apps", "v1", "daemonsets")
        case "ReplicaSet": ("apps", "v1", "replicasets")
        case "Job": ("batch", "v1", "jobs")
        case "CronJob": ("batch", "v1", "cronjobs")
        case "ClusterRole": ("rbac.authorization.k8s.io", "v1", "clusterroles")
        default: ("", "v1", kind.lowercased() + "s")
        }
    }

    /// A request for `objectYAML` as the API server would send it.
    static func request(
        _ objectYAML: String?, operation: AdmissionRequest.Operation = .create, namespace: String = "team-a",
        user: String = "alice", groups: [String] = ["system:authenticated"], subResource: String = "",
        old: String? = nil, dryRun: Bool = false, namespaceLabels: [String: String]? = nil, kind: String? = nil
    ) throws -> AdmissionRequest {
        let object = objectYAML.map(node)
        let oldObject = old.map(node)
        let k = kind ?? object?["kind"]?.string ?? oldObject?["kind"]?.string ?? "Pod"
        let r = resource(forKind: k)
        var namespaceObject: YAMLNode?
        if let namespaceLabels {
            let labels = namespaceLabels.map { "    \($0.key): \"\($0.value)\"" }.sorted().joined(separator: "\n")
            namespaceObject = node(
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \(namespace)\n  labels:\n\(labels.isEmpty ? "    {}" : labels)\n"
            )
        }
        let request = AdmissionRequest(
            uid: "705ab4f5-6393-11e8-b7cc-42010a800002",
            kind: .init(group: r.group, version: r.version, name: k),
            resource: .init(group: r.group, version: r.version, name: r.resource), subResource: subResource,
            operation: operation, namespace: namespace, name: object?["metadata"]?["name"]?.string ?? "",
            userInfo: .init(username: user, groups: groups), object: object, oldObject: oldObject, dryRun: dryRun,
            namespaceObject: namespaceObject)
        return try decode(AdmissionReviewCodec.encodeRequest(request))
    }

    static let restrictedPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: team-a
          labels: {app: web}
        spec:
          securityContext:
            runAsNonRoot: true
            seccompProfile: {type: RuntimeDefault}
          containers:
          - name: web
            image: registry.example.com/web:1.2.3
            securityContext:
              allowPrivilegeEscalation: false
              capabilities: {drop: [ALL]}
        """

    static let privilegedPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: root
          namespace: team-a
        spec:
          containers:
          - name: shell
            image: busybox:1.36
            securityContext:
              privileged: true
        """

    static let plainDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: team-a
          labels: {app: api}
        spec:
          replicas: 2
          selector: {matchLabels: {app: api}}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
              - name: api
                image: registry.example.com/api:2.0.1
                ports: [{containerPort: 8080}]
              - name: sidecar
                image: registry.example.com/proxy:1.0.0
                securityContext:
                  readOnlyRootFilesystem: true
        """
}
