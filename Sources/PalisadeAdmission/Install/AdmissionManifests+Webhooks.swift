import Foundation

/// The ValidatingWebhookConfiguration and MutatingWebhookConfiguration.
extension AdmissionManifests {
    static let validatingWebhookName = "validate.palisade.dev"
    static let mutatingWebhookName = "mutate.palisade.dev"

    /// One `rules` entry.
    static func rule(
        group: String, version: String, resources: [String], operations: [String], scope: String
    ) -> ManifestYAML {
        [
            "apiGroups": [.string(group)],
            "apiVersions": [.string(version)],
            "operations": .list(operations.map { .string($0) }),
            "resources": .list(resources.map { .string($0) }),
            "scope": .string(scope),
        ]
    }

    /// What the validating webhook reviews: every workload kind (and pod templates), the objects
    /// Palisade's hygiene, exposure and RBAC rules look at. DELETE is never reviewed: no rule is
    /// about removing an object, and blocking deletes would make a broken install hard to remove.
    static var validatingRules: ManifestYAML {
        let write = ["CREATE", "UPDATE"]
        return [
            rule(
                group: "", version: "v1",
                resources: [
                    "pods", "pods/ephemeralcontainers", "replicationcontrollers", "podtemplates", "services",
                    "configmaps", "secrets",
                ],
                operations: write, scope: "Namespaced"),
            rule(group: "", version: "v1", resources: ["namespaces"], operations: write, scope: "Cluster"),
            rule(
                group: "apps", version: "v1", resources: ["deployments", "replicasets", "statefulsets", "daemonsets"],
                operations: write, scope: "Namespaced"),
            rule(
                group: "batch", version: "v1", resources: ["jobs", "cronjobs"], operations: write, scope: "Namespaced"),
            rule(
                group: "rbac.authorization.k8s.io", version: "v1", resources: ["roles", "rolebindings"],
                operations: write, scope: "Namespaced"),
            rule(
                group: "rbac.authorization.k8s.io", version: "v1", resources: ["clusterroles", "clusterrolebindings"],
                operations: write, scope: "Cluster"),
            rule(
                group: "networking.k8s.io", version: "v1", resources: ["ingresses"], operations: write,
                scope: "Namespaced"),
        ]
    }

    /// What the mutating webhook sees: only the creation of pods and of the controllers that stamp
    /// them out, where defaults (e.g. a seccomp profile) can still be filled in.
    static var mutatingRules: ManifestYAML {
        [
            rule(
                group: "", version: "v1", resources: ["pods", "replicationcontrollers"], operations: ["CREATE"],
                scope: "Namespaced"),
            rule(
                group: "apps", version: "v1", resources: ["deployments", "replicasets", "statefulsets", "daemonsets"],
                operations: ["CREATE"], scope: "Namespaced"),
            rule(
                group: "batch", version: "v1", resources: ["jobs", "cronjobs"], operations: ["CREATE"],
                scope: "Namespaced"),
        ]
    }

    /// kube-system and the webhook's own namespace are never sent for review: a webhook that must
    /// approve its own replacement pods, or the control plane's, can lock a cluster up when it is down.
    var namespaceSelector: ManifestYAML {
        var skipped: [String] = ["kube-system"]
        if options.namespace != "kube-system" { skipped.append(options.namespace) }
        return [
            "matchExpressions": [
                [
                    "key": "kubernetes.io/metadata.name",
                    "operator": "NotIn",
                    "values": .list(skipped.map { .string($0) }),
                ]
            ]
        ]
    }

    /// The Service the API server calls; `caBundle` is the generated CA (cert-manager injects it otherwise).
    func clientConfig(path: String) -> ManifestYAML {
        let service: ManifestYAML = [
            "namespace": .string(options.namespace), "name": .string(options.name), "path": .string(path),
            "port": 443,
        ]
        var entries: [(String, ManifestYAML)] = [("service", service)]
        if let certificates {
            entries.append(("caBundle", .string(Data(certificates.caCertificatePEM.utf8).base64EncodedString())))
        }
        return .map(entries)
    }

    /// The fields both webhooks share: no side effects (so dry-run requests are sent too),
    /// `Equivalent` matching (a deployment sent as another API version is still reviewed).
    func webhook(name: String, path: String, rules: ManifestYAML, extra: [(String, ManifestYAML)]) -> ManifestYAML {
        var entries: [(String, ManifestYAML)] = [
            ("name", .string(name)),
            ("admissionReviewVersions", ["v1"]),
            ("clientConfig", clientConfig(path: path)),
            ("failurePolicy", .string(options.failurePolicy.rawValue)),
            ("matchPolicy", "Equivalent"),
            ("sideEffects", "None"),
            ("timeoutSeconds", .int(options.timeoutSeconds)),
            ("namespaceSelector", namespaceSelector),
            ("rules", rules),
        ]
        entries += extra
        return .map(entries)
    }

    /// Cluster-scoped metadata; with cert-manager, the annotation that has its CA injector fill
    /// in `caBundle` from the serving certificate's Secret.
    var webhookMetadata: ManifestYAML {
        var entries: [(String, ManifestYAML)] = [("name", .string(options.name)), ("labels", labels)]
        if certificates == nil {
            entries.append(
                (
                    "annotations",
                    ["cert-manager.io/inject-ca-from": .string("\(options.namespace)/\(servingCertificateName)")]
                )
            )
        }
        return .map(entries)
    }

    var validatingWebhooks: ManifestYAML {
        [
            "apiVersion": "admissionregistration.k8s.io/v1",
            "kind": "ValidatingWebhookConfiguration",
            "metadata": webhookMetadata,
            "webhooks": [
                webhook(name: Self.validatingWebhookName, path: "/validate", rules: Self.validatingRules, extra: [])
            ],
        ]
    }

    /// `reinvocationPolicy: IfNeeded`: if a later mutating webhook changes the pod, Palisade sees
    /// the final form again.
    var mutatingWebhooks: ManifestYAML {
        [
            "apiVersion": "admissionregistration.k8s.io/v1",
            "kind": "MutatingWebhookConfiguration",
            "metadata": webhookMetadata,
            "webhooks": [
                webhook(
                    name: Self.mutatingWebhookName, path: "/mutate", rules: Self.mutatingRules,
                    extra: [("reinvocationPolicy", "IfNeeded")])
            ],
        ]
    }
}
