/// The serving side: Deployment, PodDisruptionBudget and Service.
extension AdmissionManifests {
    /// The uid and gid the server runs as (distroless `nonroot`): not root, and no file on the
    /// image belongs to it, so a compromise cannot rewrite the binary even without a read-only root.
    static let runAsID = 65532
    static let containerPort = 8443
    static let tlsMountPath = "/etc/palisade/tls"
    static let policyMountPath = "/etc/palisade/policy"

    /// The container's CPU limit, in cores.
    static let cpuLimit = 1

    /// The server's command line inside the container (the image's entrypoint is `palisade`). One
    /// event-loop thread per core of the CPU limit: the pod sees all of the node's cores, and a thread
    /// per node core would only be throttled against the limit.
    static let serverArguments: [String] = [
        "admission", "serve", "--config", "\(policyMountPath)/policy.yaml", "--tls-cert", "\(tlsMountPath)/tls.crt",
        "--tls-key", "\(tlsMountPath)/tls.key", "--port", String(containerPort), "--threads", String(cpuLimit),
    ]

    /// Pod Security `restricted` at pod level: non-root with a fixed uid/gid and RuntimeDefault
    /// seccomp. fsGroup lets that uid read the mounted Secret files kept at mode 0440.
    var podSecurityContext: ManifestYAML {
        [
            "runAsNonRoot": true,
            "runAsUser": .int(Self.runAsID),
            "runAsGroup": .int(Self.runAsID),
            "fsGroup": .int(Self.runAsID),
            "seccompProfile": ["type": "RuntimeDefault"],
        ]
    }

    /// The same again per container (so a later pod-level edit cannot loosen it), plus no
    /// privilege escalation, no capabilities and a read-only root filesystem: the server writes
    /// nothing to disk.
    var containerSecurityContext: ManifestYAML {
        [
            "allowPrivilegeEscalation": false,
            "readOnlyRootFilesystem": true,
            "runAsNonRoot": true,
            "runAsUser": .int(Self.runAsID),
            "runAsGroup": .int(Self.runAsID),
            "capabilities": ["drop": ["ALL"]],
            "seccompProfile": ["type": "RuntimeDefault"],
        ]
    }

    /// An HTTPS GET probe on the named port; the kubelet does not verify the certificate.
    func probe(path: String, period: Int, failures: Int) -> ManifestYAML {
        [
            "httpGet": ["path": .string(path), "port": "https", "scheme": "HTTPS"],
            "periodSeconds": .int(period),
            "timeoutSeconds": 2,
            "failureThreshold": .int(failures),
        ]
    }

    var container: ManifestYAML {
        [
            "name": "webhook",
            "image": .string(options.image),
            "imagePullPolicy": "IfNotPresent",
            "args": .list(Self.serverArguments.map { .string($0) }),
            "ports": [["name": "https", "containerPort": .int(Self.containerPort), "protocol": "TCP"]],
            // Ready only once the policy is loaded and TLS is up; restarted only when wedged.
            "readinessProbe": probe(path: "/readyz", period: 5, failures: 3),
            "livenessProbe": probe(path: "/healthz", period: 10, failures: 3),
            "resources": [
                "requests": ["cpu": "100m", "memory": "128Mi"],
                "limits": ["cpu": .string(String(Self.cpuLimit)), "memory": "256Mi"],
            ],
            "securityContext": containerSecurityContext,
            "volumeMounts": [
                ["name": "tls", "mountPath": .string(Self.tlsMountPath), "readOnly": true],
                ["name": "policy", "mountPath": .string(Self.policyMountPath), "readOnly": true],
            ],
        ]
    }

    /// Spreads replicas over nodes (anti-affinity) and zones (topology spread), both preferred
    /// rather than required so that a small or single-node cluster can still schedule them.
    var scheduling: [(String, ManifestYAML)] {
        let term: ManifestYAML = [
            "weight": 100,
            "podAffinityTerm": [
                "labelSelector": ["matchLabels": selectorLabels],
                "topologyKey": "kubernetes.io/hostname",
            ],
        ]
        let spread: ManifestYAML = [
            "maxSkew": 1,
            "topologyKey": "topology.kubernetes.io/zone",
            "whenUnsatisfiable": "ScheduleAnyway",
            "labelSelector": ["matchLabels": selectorLabels],
        ]
        return [
            ("affinity", ["podAntiAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": [term]]]),
            ("topologySpreadConstraints", [spread]),
        ]
    }

    var podSpec: ManifestYAML {
        var entries: [(String, ManifestYAML)] = [
            ("serviceAccountName", .string(options.name)),
            ("automountServiceAccountToken", false),
            ("enableServiceLinks", false),
            ("securityContext", podSecurityContext),
        ]
        entries += scheduling
        entries += [
            ("containers", [container]),
            (
                "volumes",
                [
                    // 0440 (288): readable by the fsGroup, not by other uids.
                    ["name": "tls", "secret": ["secretName": .string(secretName), "defaultMode": 288]],
                    ["name": "policy", "configMap": ["name": .string(configMapName)]],
                ]
            ),
        ]
        return .map(entries)
    }

    /// Rolling updates never drop below the desired replica count (maxUnavailable 0), so the
    /// webhook keeps answering during an upgrade.
    var deployment: ManifestYAML {
        [
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": metadata(options.name),
            "spec": [
                "replicas": .int(options.replicas),
                "revisionHistoryLimit": 5,
                "selector": ["matchLabels": selectorLabels],
                "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 0, "maxSurge": 1]],
                "template": [
                    "metadata": [
                        "labels": labels,
                        "annotations": ["palisade.dev/policy-sha256": .string(policyDigest)],
                    ],
                    "spec": podSpec,
                ],
            ],
        ]
    }

    /// Keeps one replica through voluntary disruptions (node drains). With a single replica,
    /// `minAvailable: 1` would block every drain forever, so it allows one pod down instead.
    var disruptionBudget: ManifestYAML {
        let budget: (String, ManifestYAML) = options.replicas > 1 ? ("minAvailable", 1) : ("maxUnavailable", 1)
        return [
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": metadata(options.name),
            "spec": .map([budget, ("selector", ["matchLabels": selectorLabels])]),
        ]
    }

    /// The API server calls `https://NAME.NAMESPACE.svc:443/…`; 443 maps to the named container port.
    var service: ManifestYAML {
        [
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": metadata(options.name),
            "spec": [
                "type": "ClusterIP",
                "selector": selectorLabels,
                "ports": [["name": "https", "port": 443, "targetPort": "https", "protocol": "TCP"]],
            ],
        ]
    }
}
