/// Kubernetes field names longer than 15 UTF-8 bytes, handed out as string literals when a JSON key
/// equals one of them.
///
/// Why: Swift keeps strings of up to 15 bytes inline, but a longer key (`allowPrivilegeEscalation`,
/// `terminationMessagePolicy`, …) costs an allocation, a UTF-8 check and a release when the tree
/// goes, for every occurrence in every AdmissionReview. A literal costs none of these. Keys not in
/// the table are built as before, so the table only has to be right, never complete.
enum JSONKnownKeys {
    /// Candidates by byte length; each with its first eight bytes as one word for a quick reject.
    private static let table: [[(prefix: UInt64, bytes: [UInt8], text: String)]] = {
        var byLength = [[(prefix: UInt64, bytes: [UInt8], text: String)]](repeating: [], count: maxLength + 1)
        for key in keys where key.utf8.count > 15 && key.utf8.count <= maxLength {
            let bytes = Array(key.utf8)
            byLength[bytes.count].append((word(bytes.withUnsafeBufferPointer { $0.baseAddress! }), bytes, key))
        }
        return byLength
    }()

    static let maxLength = 48

    /// The literal for the key at `start` with `count` bytes, or `nil` when the key is not a known one.
    @inline(__always)
    static func lookup(_ start: UnsafePointer<UInt8>, count: Int) -> String? {
        guard count > 15, count <= maxLength else { return nil }
        return find(start, count: count)
    }

    private static func find(_ start: UnsafePointer<UInt8>, count: Int) -> String? {
        let prefix = word(start)
        for candidate in table[count] where candidate.prefix == prefix {
            let same = candidate.bytes.withUnsafeBufferPointer { b in
                var i = 8
                while i < count, b[i] == start[i] { i += 1 }
                return i == count
            }
            if same { return candidate.text }
        }
        return nil
    }

    @inline(__always)
    private static func word(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
    }

    /// Field names of pods, workloads, object metadata and AdmissionReview requests (and the common
    /// labels and annotations) that do not fit in an inline string.
    static let keys: [String] = [
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences",
        "blockOwnerDeletion", "resourceVersion", "app.kubernetes.io/name", "app.kubernetes.io/instance",
        "app.kubernetes.io/version", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
        "app.kubernetes.io/managed-by", "pod-template-hash", "prometheus.io/scrape", "prometheus.io/path",
        "deployment.kubernetes.io/revision", "kubernetes.io/metadata.name", "requestSubResource",
        "serviceAccountName", "automountServiceAccountToken", "terminationGracePeriodSeconds",
        "activeDeadlineSeconds", "shareProcessNamespace", "enableServiceLinks", "preemptionPolicy",
        "priorityClassName", "runtimeClassName", "topologySpreadConstraints", "imagePullSecrets",
        "ephemeralContainers", "readinessGates", "schedulingGates", "resourceClaims", "setHostnameAsFQDN",
        "hostNetwork", "terminationMessagePath", "terminationMessagePolicy", "allowPrivilegeEscalation",
        "readOnlyRootFilesystem", "seccompProfile", "localhostProfile", "appArmorProfile", "seLinuxOptions",
        "windowsOptions", "gmsaCredentialSpecName", "gmsaCredentialSpec", "supplementalGroups",
        "supplementalGroupsPolicy", "fsGroupChangePolicy", "seLinuxChangePolicy", "initialDelaySeconds",
        "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold",
        "readinessProbe", "livenessProbe", "startupProbe", "resizePolicy", "restartPolicy", "configMapKeyRef",
        "resourceFieldRef", "persistentVolumeClaim", "downwardAPI", "defaultMode", "mountPropagation",
        "subPathExpr", "recursiveReadOnly", "revisionHistoryLimit", "progressDeadlineSeconds",
        "minReadySeconds", "maxUnavailable", "rollingUpdate", "updateStrategy", "podManagementPolicy",
        "persistentVolumeClaimRetentionPolicy", "volumeClaimTemplates", "concurrencyPolicy",
        "startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit",
        "ttlSecondsAfterFinished", "backoffLimitPerIndex", "podFailurePolicy", "completionMode",
        "requiredDuringSchedulingIgnoredDuringExecution", "preferredDuringSchedulingIgnoredDuringExecution",
        "podAntiAffinity", "labelSelector", "matchExpressions", "namespaceSelector", "tolerationSeconds",
        "whenUnsatisfiable", "nodeAffinityPolicy", "nodeTaintsPolicy", "matchLabelKeys", "mismatchLabelKeys",
        "kubectl.kubernetes.io/restartedAt", "kubectl.kubernetes.io/default-container",
        "container.apparmor.security.beta.kubernetes.io", "seccomp.security.alpha.kubernetes.io/pod",
        "cluster-autoscaler.kubernetes.io/safe-to-evict", "sidecar.istio.io/inject",
    ]
}
