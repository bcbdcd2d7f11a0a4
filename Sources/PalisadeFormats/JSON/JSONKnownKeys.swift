#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Kubernetes field names and common values, handed out as string literals when a JSON key or
/// string equals one of them.
///
/// Why: building a `String` from bytes checks the UTF-8 and, past 15 bytes, allocates (and the
/// tree's release frees it again); an AdmissionReview has ~180 keys, nearly all of them from this
/// table. A literal costs none of that, and finding it is one hash probe on two loaded words.
/// Strings not in the table are built as before, so the table only has to be right, never complete.
enum JSONKnownKeys {
    static let maxLength = 48

    /// One slot of the open-addressing table: the string's length, its first and last eight bytes
    /// (overlapping, so for up to 16 bytes they are the whole string) and its index in `strings`.
    private struct Slot {
        var first: UInt64
        var last: UInt64
        var count: Int32
        var index: Int32
    }

    /// Built once and never freed: plain memory, so a probe touches no reference counts.
    private struct Table: @unchecked Sendable {
        let slots: UnsafeMutablePointer<Slot>
        let strings: UnsafeMutablePointer<String>
        let bytes: UnsafeMutablePointer<UInt8>
        let offsets: UnsafeMutablePointer<Int>
    }

    private static let slotBits = 10
    private static let table: Table = {
        var slots = [Slot](repeating: Slot(first: 0, last: 0, count: -1, index: -1), count: 1 << slotBits)
        var strings: [String] = []
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        for text in keys + values where text.utf8.count <= maxLength && !text.isEmpty {
            let b = Array(text.utf8)
            let (first, last) = b.withUnsafeBufferPointer { words($0.baseAddress!, count: b.count) }
            var i = slot(first, last, b.count)
            var duplicate = false
            while slots[i].count >= 0 {
                if strings[Int(slots[i].index)] == text { duplicate = true }
                i = (i + 1) & ((1 << slotBits) - 1)
            }
            if duplicate { continue }
            slots[i] = Slot(first: first, last: last, count: Int32(b.count), index: Int32(strings.count))
            strings.append(text)
            offsets.append(bytes.count)
            bytes.append(contentsOf: b)
        }
        func pinned<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, array.count))
            p.initialize(from: array, count: array.count)
            return p
        }
        return Table(slots: pinned(slots), strings: pinned(strings), bytes: pinned(bytes), offsets: pinned(offsets))
    }()

    /// The literal for the `count` bytes at `start`, or `nil` when they are not a known string.
    @inline(__always)
    static func lookup(_ start: UnsafePointer<UInt8>, count: Int) -> String? {
        guard count > 0, count <= maxLength else { return nil }
        return find(start, count: count)
    }

    private static func find(_ start: UnsafePointer<UInt8>, count: Int) -> String? {
        let (first, last) = words(start, count: count)
        let t = table
        var i = slot(first, last, count)
        while true {
            let s = t.slots[i]
            if s.count < 0 { return nil }
            if s.count == count, s.first == first, s.last == last {
                let index = Int(s.index)
                // Up to 16 bytes the two words are the whole string; past that, compare the middle.
                if count <= 16 || memcmp(t.bytes + t.offsets[index] + 8, start + 8, count - 16) == 0 {
                    return t.strings[index]
                }
            }
            i = (i + 1) & ((1 << slotBits) - 1)
        }
    }

    /// The first and last eight bytes as words; shorter strings are zero-padded into both.
    @inline(__always)
    private static func words(_ p: UnsafePointer<UInt8>, count: Int) -> (UInt64, UInt64) {
        if count >= 8 {
            let raw = UnsafeRawPointer(p)
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        var w: UInt64 = 0
        for k in 0..<count { w |= UInt64(p[k]) << (UInt64(k) * 8) }
        return (w, w)
    }

    @inline(__always)
    private static func slot(_ first: UInt64, _ last: UInt64, _ count: Int) -> Int {
        let h = (first ^ (last &>> 3) ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h &>> UInt64(64 - slotBits))
    }

    /// Field names of pods, workloads, object metadata and AdmissionReview requests, and the common
    /// labels and annotations.
    static let keys: [String] = [
        // AdmissionReview
        "apiVersion", "kind", "request", "uid", "group", "version", "resource", "subResource", "requestKind",
        "requestResource", "requestSubResource", "name", "namespace", "operation", "userInfo", "username",
        "groups", "extra", "object", "oldObject", "dryRun", "options", "fieldManager", "namespaceObject",
        // Object metadata
        "metadata", "labels", "annotations", "generateName", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion", "ownerReferences", "controller",
        "blockOwnerDeletion", "finalizers", "managedFields", "manager", "time", "fieldsType", "fieldsV1",
        "subresource", "status", "app", "tier", "component", "release", "app.kubernetes.io/name",
        "app.kubernetes.io/instance", "app.kubernetes.io/version", "app.kubernetes.io/component",
        "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by", "helm.sh/chart", "team",
        "pod-template-hash", "controller-revision-hash", "prometheus.io/scrape", "prometheus.io/port",
        "prometheus.io/path", "deployment.kubernetes.io/revision", "kubernetes.io/metadata.name",
        "kubectl.kubernetes.io/restartedAt", "kubectl.kubernetes.io/default-container",
        "kubectl.kubernetes.io/last-applied-configuration", "sidecar.istio.io/inject",
        "cluster-autoscaler.kubernetes.io/safe-to-evict", "seccomp.security.alpha.kubernetes.io/pod",
        "container.apparmor.security.beta.kubernetes.io", "pod-security.kubernetes.io/enforce",
        "pod-security.kubernetes.io/enforce-version", "pod-security.kubernetes.io/warn",
        "pod-security.kubernetes.io/audit",
        // Workloads
        "spec", "replicas", "selector", "matchLabels", "matchExpressions", "key", "operator", "values",
        "template", "strategy", "type", "rollingUpdate", "maxSurge", "maxUnavailable", "revisionHistoryLimit",
        "progressDeadlineSeconds", "minReadySeconds", "paused", "serviceName", "podManagementPolicy",
        "updateStrategy", "partition", "volumeClaimTemplates", "persistentVolumeClaimRetentionPolicy",
        "jobTemplate", "schedule", "concurrencyPolicy", "suspend", "startingDeadlineSeconds",
        "successfulJobsHistoryLimit", "failedJobsHistoryLimit", "timeZone", "backoffLimit", "completions",
        "parallelism", "activeDeadlineSeconds", "ttlSecondsAfterFinished", "completionMode",
        "podFailurePolicy", "backoffLimitPerIndex",
        // Pod spec
        "containers", "initContainers", "ephemeralContainers", "volumes", "restartPolicy",
        "terminationGracePeriodSeconds", "dnsPolicy", "dnsConfig", "nodeSelector", "serviceAccountName",
        "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork", "hostPID", "hostIPC",
        "hostUsers", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname", "subdomain",
        "affinity", "schedulerName", "tolerations", "hostAliases", "priorityClassName", "priority",
        "readinessGates", "runtimeClassName", "enableServiceLinks", "preemptionPolicy", "overhead",
        "topologySpreadConstraints", "setHostnameAsFQDN", "os", "schedulingGates", "resourceClaims",
        "nodeAffinity", "podAffinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
        "preferredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms", "weight", "preference",
        "podAffinityTerm", "labelSelector", "namespaceSelector", "namespaces", "topologyKey", "maxSkew",
        "whenUnsatisfiable", "effect", "tolerationSeconds", "matchLabelKeys", "mismatchLabelKeys",
        // Security contexts
        "privileged", "capabilities", "add", "drop", "allowPrivilegeEscalation", "readOnlyRootFilesystem",
        "runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup", "fsGroupChangePolicy", "supplementalGroups",
        "supplementalGroupsPolicy", "seccompProfile", "localhostProfile", "appArmorProfile", "seLinuxOptions",
        "seLinuxChangePolicy", "windowsOptions", "hostProcess", "runAsUserName", "gmsaCredentialSpec",
        "gmsaCredentialSpecName", "procMount", "sysctls", "level", "role", "user",
        // Containers
        "image", "imagePullPolicy", "command", "args", "workingDir", "ports", "containerPort", "hostPort",
        "hostIP", "protocol", "env", "value", "valueFrom", "secretKeyRef", "configMapKeyRef", "fieldRef",
        "fieldPath", "resourceFieldRef", "containerName", "divisor", "optional", "envFrom", "secretRef",
        "configMapRef", "prefix", "resources", "requests", "limits", "claims", "cpu", "memory",
        "ephemeral-storage", "resizePolicy", "resourceName", "volumeMounts", "mountPath", "subPath",
        "subPathExpr", "readOnly", "recursiveReadOnly", "mountPropagation", "volumeDevices", "devicePath",
        "livenessProbe", "readinessProbe", "startupProbe", "httpGet", "path", "port", "host", "scheme",
        "httpHeaders", "tcpSocket", "exec", "grpc", "service", "initialDelaySeconds", "timeoutSeconds",
        "periodSeconds", "successThreshold", "failureThreshold", "lifecycle", "postStart", "preStop",
        "sleep", "seconds", "stopSignal", "terminationMessagePath", "terminationMessagePolicy", "stdin",
        "stdinOnce", "tty", "targetContainerName",
        // Volumes
        "emptyDir", "medium", "sizeLimit", "hostPath", "secret", "secretName", "items", "defaultMode",
        "mode", "configMap", "persistentVolumeClaim", "claimName", "projected", "sources",
        "serviceAccountToken", "audience", "expirationSeconds", "downwardAPI", "csi", "driver",
        "volumeAttributes", "ephemeral", "volumeClaimTemplate", "nfs", "server", "iscsi", "rbd", "cephfs",
        "glusterfs", "flexVolume", "gitRepo", "awsElasticBlockStore", "gcePersistentDisk", "azureDisk",
        "azureFile", "fc", "cinder", "storageClassName", "accessModes", "volumeMode", "storage",
    ]

    /// String values that recur in nearly every workload and AdmissionReview.
    static let values: [String] = [
        "v1", "apps/v1", "batch/v1", "admission.k8s.io/v1", "meta.k8s.io/v1", "AdmissionReview", "Pod",
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "apps", "batch", "pods",
        "deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs", "CREATE", "UPDATE",
        "DELETE", "CONNECT", "CreateOptions", "UpdateOptions", "Apply", "Update", "FieldsV1",
        "kubectl-client-side-apply", "kubectl", "system:authenticated", "system:masters",
        "kubernetes-admin", "TCP", "UDP", "SCTP", "HTTP", "HTTPS", "IfNotPresent", "Always", "Never",
        "OnFailure", "RuntimeDefault", "Localhost", "Unconfined", "ALL", "NET_RAW", "NET_BIND_SERVICE",
        "File", "FallbackToLogsOnError", "/dev/termination-log", "ClusterFirst", "ClusterFirstWithHostNet",
        "Default", "default", "default-scheduler", "RollingUpdate", "Recreate", "OnDelete", "25%",
        "Exists", "Equal", "In", "NotIn", "DoesNotExist", "NoSchedule", "PreferNoSchedule", "NoExecute",
        "Directory", "DirectoryOrCreate", "FileOrCreate", "Socket", "Memory", "metadata.name",
        "metadata.namespace", "status.podIP", "spec.nodeName", "kubernetes.io/hostname",
        "topology.kubernetes.io/zone", "ScheduleAnyway", "DoNotSchedule", "ReadWriteOnce", "Forbid",
        "Allow", "Replace", "/tmp", "tmp", "config", "http", "https", "metrics", "grpc", "info", "warn",
    ]
}
