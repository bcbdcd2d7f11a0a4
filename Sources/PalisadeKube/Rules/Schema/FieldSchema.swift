/// The expected type of a Kubernetes field, for the fields whose wrong types the API server rejects and
/// security rules would otherwise misread (`privileged: "true"` is a string, not true).
indirect enum FieldSchema: Sendable {
    case bool
    case int
    /// A string; plain YAML numbers and booleans are rejected by the API server's JSON decoding.
    case string
    /// A list whose elements follow the given schema (`nil`: elements unchecked).
    case list(FieldSchema?)
    /// A map whose listed keys follow their schemas; other keys are unchecked.
    case map([String: FieldSchema])
    /// A map of strings (labels, annotations, nodeSelector).
    case stringMap
    /// A map whose keys are free and values unchecked (resources.limits, …).
    case anyMap

    /// "a boolean", "an integer", … for messages.
    var expected: String {
        switch self {
        case .bool: "a boolean"
        case .int: "an integer"
        case .string: "a string"
        case .list: "a list"
        case .map, .stringMap, .anyMap: "a map"
        }
    }
}

/// The subset of the Kubernetes API schema Palisade checks.
enum KubeSchema {
    static let capabilities = FieldSchema.map(["add": .list(.string), "drop": .list(.string)])

    static let seccompProfile = FieldSchema.map(["type": .string, "localhostProfile": .string])

    static let containerSecurityContext = FieldSchema.map([
        "privileged": .bool, "allowPrivilegeEscalation": .bool, "readOnlyRootFilesystem": .bool,
        "runAsNonRoot": .bool, "runAsUser": .int, "runAsGroup": .int, "capabilities": capabilities,
        "seccompProfile": seccompProfile, "seLinuxOptions": .anyMap, "procMount": .string,
    ])

    static let podSecurityContext = FieldSchema.map([
        "runAsNonRoot": .bool, "runAsUser": .int, "runAsGroup": .int, "fsGroup": .int,
        "supplementalGroups": .list(.int), "sysctls": .list(.map(["name": .string, "value": .string])),
        "seccompProfile": seccompProfile, "seLinuxOptions": .anyMap,
    ])

    static let probe = FieldSchema.map([
        "initialDelaySeconds": .int, "periodSeconds": .int, "timeoutSeconds": .int, "failureThreshold": .int,
        "successThreshold": .int,
    ])

    static let container = FieldSchema.map([
        "name": .string, "image": .string, "imagePullPolicy": .string, "command": .list(.string),
        "args": .list(.string), "workingDir": .string,
        "env": .list(.map(["name": .string, "value": .string, "valueFrom": .anyMap])),
        "envFrom": .list(.map(["secretRef": .anyMap, "configMapRef": .anyMap, "prefix": .string])),
        "ports": .list(.map(["containerPort": .int, "hostPort": .int, "name": .string, "protocol": .string])),
        "volumeMounts": .list(.map(["name": .string, "mountPath": .string, "readOnly": .bool])),
        "resources": .map(["limits": .anyMap, "requests": .anyMap]),
        "securityContext": containerSecurityContext, "livenessProbe": probe, "readinessProbe": probe,
        "startupProbe": probe, "stdin": .bool, "tty": .bool,
    ])

    static let podSpec = FieldSchema.map([
        "containers": .list(container), "initContainers": .list(container), "ephemeralContainers": .list(container),
        "volumes": .list(.map(["name": .string, "hostPath": .map(["path": .string, "type": .string])])),
        "hostNetwork": .bool, "hostPID": .bool, "hostIPC": .bool, "hostUsers": .bool,
        "automountServiceAccountToken": .bool, "shareProcessNamespace": .bool,
        "securityContext": podSecurityContext, "serviceAccountName": .string, "serviceAccount": .string,
        "nodeSelector": .stringMap, "hostAliases": .list(.map(["ip": .string, "hostnames": .list(.string)])),
        "imagePullSecrets": .list(.anyMap), "terminationGracePeriodSeconds": .int, "dnsPolicy": .string,
        "restartPolicy": .string, "priority": .int,
    ])

    static let metadata = FieldSchema.map([
        "name": .string, "namespace": .string, "generateName": .string, "labels": .stringMap,
        "annotations": .stringMap,
    ])

    static let template = FieldSchema.map(["metadata": metadata, "spec": podSpec])

    static let controllerSpec = FieldSchema.map(["replicas": .int, "template": template, "selector": .anyMap])

    static let jobSpec = FieldSchema.map([
        "template": template, "backoffLimit": .int, "completions": .int, "parallelism": .int,
        "activeDeadlineSeconds": .int, "ttlSecondsAfterFinished": .int, "suspend": .bool,
    ])

    /// Which whole-object schema applies to a kind.
    enum ObjectShape: Int, CaseIterable, Sendable {
        case pod, controller, daemonSet, job, cronJob, podTemplate, serviceAccount, other

        init(kind: String) {
            switch kind {
            case "Pod": self = .pod
            case "Deployment", "ReplicaSet", "StatefulSet", "ReplicationController": self = .controller
            case "DaemonSet": self = .daemonSet
            case "Job": self = .job
            case "CronJob": self = .cronJob
            case "PodTemplate": self = .podTemplate
            case "ServiceAccount": self = .serviceAccount
            default: self = .other
            }
        }

        var schema: FieldSchema {
            switch self {
            case .pod: objectPod
            case .controller: objectController
            case .daemonSet: objectDaemonSet
            case .job: objectJob
            case .cronJob: objectCronJob
            case .podTemplate: objectPodTemplate
            case .serviceAccount: objectServiceAccount
            case .other: objectOther
            }
        }
    }

    /// The schema of a whole object of `kind`; for kinds without a pod spec only metadata is checked.
    static func object(kind: String) -> FieldSchema { ObjectShape(kind: kind).schema }

    static let objectPod = FieldSchema.map(["metadata": metadata, "spec": podSpec])
    static let objectController = FieldSchema.map(["metadata": metadata, "spec": controllerSpec])
    static let objectDaemonSet = FieldSchema.map([
        "metadata": metadata, "spec": .map(["template": template, "selector": .anyMap]),
    ])
    static let objectJob = FieldSchema.map(["metadata": metadata, "spec": jobSpec])
    static let objectCronJob = FieldSchema.map([
        "metadata": metadata,
        "spec": .map([
            "schedule": .string, "suspend": .bool, "jobTemplate": .map(["metadata": metadata, "spec": jobSpec]),
        ]),
    ])
    static let objectPodTemplate = FieldSchema.map(["metadata": metadata, "template": template])
    static let objectServiceAccount = FieldSchema.map(["metadata": metadata, "automountServiceAccountToken": .bool])
    static let objectOther = FieldSchema.map(["metadata": metadata])
}
