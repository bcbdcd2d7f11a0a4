import Foundation
import PalisadeAdmission
import PalisadeFormats
import PalisadePolicy
import Testing

/// The rendered install stream, read back with Palisade's own YAML loader.
@Suite("Install: admission manifests")
struct InstallManifestTests {
    typealias S = InstallTestSupport

    static func render(_ configure: (inout AdmissionInstallOptions) -> Void = { _ in }) throws -> String {
        var options = AdmissionInstallOptions()
        configure(&options)
        return try AdmissionManifests.make(options).yaml()
    }

    @Test("generated mode: objects in apply order")
    func objectOrder() throws {
        let docs = try S.documents(try Self.render())
        #expect(
            docs.map { $0["kind"]?.string ?? "?" } == [
                "Namespace", "ServiceAccount", "ConfigMap", "Secret", "Service", "Deployment", "PodDisruptionBudget",
                "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
            ])
    }

    @Test("cert-manager mode: issuers and certificates instead of a Secret, no caBundle")
    func certManagerObjects() throws {
        let yaml = try Self.render { $0.certificateSource = .certManager }
        let docs = try S.documents(yaml)
        #expect(
            docs.map { $0["kind"]?.string ?? "?" } == [
                "Namespace", "ServiceAccount", "ConfigMap", "Issuer", "Certificate", "Issuer", "Certificate", "Service",
                "Deployment", "PodDisruptionBudget", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
            ])
        #expect(!yaml.contains("caBundle"))
        #expect(!yaml.contains("PRIVATE KEY"))
        let serving = try S.object(docs, kind: "Certificate", name: "palisade-admission-tls")
        #expect(S.at(serving, "spec", "secretName")?.string == "palisade-admission-tls")
        #expect(
            S.strings(S.at(serving, "spec", "dnsNames")) == [
                "palisade-admission", "palisade-admission.palisade", "palisade-admission.palisade.svc",
                "palisade-admission.palisade.svc.cluster.local",
            ])
        #expect(S.at(serving, "spec", "issuerRef", "name")?.string == "palisade-admission-ca")
        #expect(S.at(serving, "spec", "duration")?.string == "8760h")
        let ca = try S.object(docs, kind: "Certificate", name: "palisade-admission-ca")
        #expect(S.at(ca, "spec", "isCA")?.bool == true)
        #expect(S.at(ca, "spec", "issuerRef", "name")?.string == "palisade-admission-selfsigned")
        let caIssuer = try S.object(docs, kind: "Issuer", name: "palisade-admission-ca")
        #expect(S.at(caIssuer, "spec", "ca", "secretName")?.string == "palisade-admission-ca")
        let selfSigned = try S.object(docs, kind: "Issuer", name: "palisade-admission-selfsigned")
        #expect(S.at(selfSigned, "spec", "selfSigned")?.pairs?.isEmpty == true)
        for kind in ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"] {
            let config = try S.object(docs, kind: kind)
            #expect(
                S.at(config, "metadata", "annotations", "cert-manager.io/inject-ca-from")?.string
                    == "palisade/palisade-admission-tls")
        }
        let deployment = try S.object(docs, kind: "Deployment")
        let volumes = S.at(deployment, "spec", "template", "spec", "volumes")?.items ?? []
        #expect(volumes.compactMap { $0["secret"]?["secretName"]?.string } == ["palisade-admission-tls"])
    }

    @Test("caBundle decodes to the CA, and the Secret holds the serving pair")
    func caBundleAndSecret() throws {
        let options = AdmissionInstallOptions()
        let manifests = try AdmissionManifests.make(options)
        let certs = try #require(manifests.certificates)
        let docs = try S.documents(manifests.yaml())
        for kind in ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"] {
            let config = try S.object(docs, kind: kind)
            let bundle = try #require(S.at(config, "webhooks", 0, "clientConfig", "caBundle")?.string)
            let decoded = try #require(Data(base64Encoded: bundle))
            #expect(String(decoding: decoded, as: UTF8.self) == certs.caCertificatePEM)
            #expect(S.at(config, "metadata", "annotations") == nil)
        }
        let secret = try S.object(docs, kind: "Secret", name: "palisade-admission-tls")
        #expect(secret["type"]?.string == "kubernetes.io/tls")
        #expect(S.at(secret, "metadata", "namespace")?.string == "palisade")
        func decoded(_ key: String) -> String? {
            S.at(secret, "data", key)?.string.flatMap { Data(base64Encoded: $0) }.map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        #expect(decoded("tls.crt") == certs.certificatePEM)
        #expect(decoded("tls.key") == certs.privateKeyPEM)
        #expect(decoded("ca.crt") == certs.caCertificatePEM)
    }

    @Test("the Deployment: replicas, spreading, probes, resources, restricted security contexts")
    func deployment() throws {
        let docs = try S.documents(
            try Self.render { $0.image = "registry.example.com/palisade@sha256:" + String(repeating: "ab", count: 32) })
        let deployment = try S.object(docs, kind: "Deployment", name: "palisade-admission")
        let spec = deployment["spec"]
        #expect(spec?["replicas"]?.int == 2)
        let pod = S.at(spec, "template", "spec")
        #expect(pod?["serviceAccountName"]?.string == "palisade-admission")
        #expect(pod?["automountServiceAccountToken"]?.bool == false)
        #expect(pod?["priorityClassName"] == nil)
        let anti = S.at(pod, "affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution", 0)
        #expect(S.at(anti, "podAffinityTerm", "topologyKey")?.string == "kubernetes.io/hostname")
        #expect(
            S.at(anti, "podAffinityTerm", "labelSelector", "matchLabels", "app.kubernetes.io/name")?.string
                == "palisade-admission")
        let podContext = pod?["securityContext"]
        #expect(podContext?["runAsNonRoot"]?.bool == true)
        #expect(podContext?["runAsUser"]?.int == 65532)
        #expect(podContext?["runAsGroup"]?.int == 65532)
        #expect(S.at(podContext, "seccompProfile", "type")?.string == "RuntimeDefault")

        let container = S.at(pod, "containers", 0)
        #expect(
            container?["image"]?.string == "registry.example.com/palisade@sha256:" + String(repeating: "ab", count: 32))
        #expect(
            S.strings(container?["args"]) == [
                "admission", "serve", "--config", "/etc/palisade/policy/policy.yaml", "--tls-cert",
                "/etc/palisade/tls/tls.crt", "--tls-key", "/etc/palisade/tls/tls.key", "--port", "8443", "--threads",
                "1",
            ])
        #expect(S.at(container, "ports", 0, "containerPort")?.int == 8443)
        #expect(S.at(container, "ports", 0, "name")?.string == "https")
        #expect(S.at(container, "readinessProbe", "httpGet", "path")?.string == "/readyz")
        #expect(S.at(container, "readinessProbe", "httpGet", "scheme")?.string == "HTTPS")
        #expect(S.at(container, "livenessProbe", "httpGet", "path")?.string == "/healthz")
        #expect(S.at(container, "livenessProbe", "httpGet", "scheme")?.string == "HTTPS")
        #expect(S.at(container, "resources", "requests", "cpu")?.string == "100m")
        #expect(S.at(container, "resources", "requests", "memory")?.string == "128Mi")
        #expect(S.at(container, "resources", "limits", "cpu")?.string == "1")
        #expect(S.at(container, "resources", "limits", "memory")?.string == "256Mi")
        let context = container?["securityContext"]
        #expect(context?["allowPrivilegeEscalation"]?.bool == false)
        #expect(context?["readOnlyRootFilesystem"]?.bool == true)
        #expect(context?["runAsNonRoot"]?.bool == true)
        #expect(S.strings(S.at(context, "capabilities", "drop")) == ["ALL"])
        #expect(S.at(context, "seccompProfile", "type")?.string == "RuntimeDefault")
        let mounts = container?["volumeMounts"]?.items ?? []
        #expect(mounts.count == 2)
        #expect(mounts.allSatisfy { $0["readOnly"]?.bool == true })
        let volumes = pod?["volumes"]?.items ?? []
        #expect(volumes.compactMap { $0["configMap"]?["name"]?.string } == ["palisade-admission-policy"])
        #expect(volumes.compactMap { $0["secret"]?["secretName"]?.string } == ["palisade-admission-tls"])
    }

    @Test("Namespace, ServiceAccount, PodDisruptionBudget and Service")
    func supportingObjects() throws {
        let docs = try S.documents(try Self.render())
        let namespace = try S.object(docs, kind: "Namespace", name: "palisade")
        #expect(S.at(namespace, "metadata", "labels", "pod-security.kubernetes.io/enforce")?.string == "restricted")
        let account = try S.object(docs, kind: "ServiceAccount")
        #expect(account["automountServiceAccountToken"]?.bool == false)
        let budget = try S.object(docs, kind: "PodDisruptionBudget")
        #expect(budget["apiVersion"]?.string == "policy/v1")
        #expect(S.at(budget, "spec", "minAvailable")?.int == 1)
        let service = try S.object(docs, kind: "Service")
        #expect(S.at(service, "spec", "ports", 0, "port")?.int == 443)
        #expect(S.at(service, "spec", "ports", 0, "targetPort")?.string == "https")

        let single = try S.documents(try Self.render { $0.replicas = 1 })
        let singleBudget = try S.object(single, kind: "PodDisruptionBudget")
        #expect(S.at(singleBudget, "spec", "minAvailable") == nil)
        #expect(S.at(singleBudget, "spec", "maxUnavailable")?.int == 1)
    }

    @Test("webhook configurations: failure policy, timeout, side effects, namespace selector, rules")
    func webhooks() throws {
        let docs = try S.documents(
            try Self.render {
                $0.namespace = "guard"
                $0.failurePolicy = .fail
                $0.timeoutSeconds = 12
            })
        let validating = try S.object(docs, kind: "ValidatingWebhookConfiguration")
        let mutating = try S.object(docs, kind: "MutatingWebhookConfiguration")
        for (config, name, path) in [
            (validating, "validate.palisade.dev", "/validate"), (mutating, "mutate.palisade.dev", "/mutate"),
        ] {
            let hook = S.at(config, "webhooks", 0)
            #expect(hook?["name"]?.string == name)
            #expect(S.strings(hook?["admissionReviewVersions"]) == ["v1"])
            #expect(hook?["sideEffects"]?.string == "None")
            #expect(hook?["failurePolicy"]?.string == "Fail")
            #expect(hook?["timeoutSeconds"]?.int == 12)
            #expect(hook?["matchPolicy"]?.string == "Equivalent")
            #expect(S.at(hook, "clientConfig", "service", "namespace")?.string == "guard")
            #expect(S.at(hook, "clientConfig", "service", "name")?.string == "palisade-admission")
            #expect(S.at(hook, "clientConfig", "service", "path")?.string == path)
            #expect(S.at(hook, "clientConfig", "service", "port")?.int == 443)
            let expression = S.at(hook, "namespaceSelector", "matchExpressions", 0)
            #expect(expression?["key"]?.string == "kubernetes.io/metadata.name")
            #expect(expression?["operator"]?.string == "NotIn")
            #expect(S.strings(expression?["values"]) == ["kube-system", "guard"])
        }
        #expect(S.at(mutating, "webhooks", 0, "reinvocationPolicy")?.string == "IfNeeded")
        #expect(S.at(validating, "webhooks", 0, "reinvocationPolicy") == nil)

        func covered(_ config: YAMLNode) -> [String: (ops: [String], scope: String)] {
            var out: [String: (ops: [String], scope: String)] = [:]
            for rule in S.at(config, "webhooks", 0, "rules")?.items ?? [] {
                let group = S.strings(rule["apiGroups"]).first ?? "?"
                for resource in S.strings(rule["resources"]) {
                    out[group.isEmpty ? resource : "\(resource).\(group)"] = (
                        S.strings(rule["operations"]), rule["scope"]?.string ?? ""
                    )
                }
            }
            return out
        }
        let validated = covered(validating)
        for resource in [
            "pods", "pods/ephemeralcontainers", "replicationcontrollers", "podtemplates", "services", "configmaps",
            "secrets", "namespaces", "deployments.apps", "replicasets.apps", "statefulsets.apps", "daemonsets.apps",
            "jobs.batch", "cronjobs.batch", "roles.rbac.authorization.k8s.io", "rolebindings.rbac.authorization.k8s.io",
            "clusterroles.rbac.authorization.k8s.io", "clusterrolebindings.rbac.authorization.k8s.io",
            "ingresses.networking.k8s.io",
        ] {
            #expect(validated[resource]?.ops == ["CREATE", "UPDATE"], "\(resource)")
        }
        #expect(validated["namespaces"]?.scope == "Cluster")
        #expect(validated["clusterroles.rbac.authorization.k8s.io"]?.scope == "Cluster")
        #expect(validated["pods"]?.scope == "Namespaced")
        let mutated = covered(mutating)
        #expect(
            Set(mutated.keys) == [
                "pods", "replicationcontrollers", "deployments.apps", "replicasets.apps", "statefulsets.apps",
                "daemonsets.apps", "jobs.batch", "cronjobs.batch",
            ])
        #expect(mutated.values.allSatisfy { $0.ops == ["CREATE"] && $0.scope == "Namespaced" })
    }

    @Test("installing into kube-system does not list it twice")
    func kubeSystemNamespace() throws {
        let docs = try S.documents(try Self.render { $0.namespace = "kube-system" })
        let hook = S.at(try S.object(docs, kind: "ValidatingWebhookConfiguration"), "webhooks", 0)
        #expect(S.strings(S.at(hook, "namespaceSelector", "matchExpressions", 0, "values")) == ["kube-system"])
    }

    @Test("the policy is embedded verbatim as a block scalar")
    func policyConfigMap() throws {
        let yaml = try Self.render()
        #expect(yaml.contains("  policy.yaml: |\n    # Palisade admission policy."))
        let docs = try S.documents(yaml)
        let map = try S.object(docs, kind: "ConfigMap", name: "palisade-admission-policy")
        #expect(S.at(map, "data", "policy.yaml")?.string == DefaultAdmissionPolicy.yaml)

        for policy in [
            "  indented first line\nsecond\n", "no trailing newline", "two trailing\n\n", "tab\there\n",
            "\nleading blank line\n", "crlf\r\nline\r\n", "key: \"quoted\" # comment\n---\n...\n",
        ] {
            let docs = try S.documents(try Self.render { $0.policyYAML = policy })
            let map = try S.object(docs, kind: "ConfigMap")
            #expect(S.at(map, "data", "policy.yaml")?.string == policy, "\(policy.debugDescription)")
            #expect(docs.count == 9)
        }
    }

    @Test("the same certificates give the same bytes")
    func deterministic() throws {
        let options = AdmissionInstallOptions()
        let certs = try WebhookCertificates.generate(
            service: options.name, namespace: options.namespace, validityDays: 10)
        let a = AdmissionManifests(options: options, certificates: certs).yaml()
        let b = AdmissionManifests(options: options, certificates: certs).yaml()
        #expect(a == b)
        var manager = options
        manager.certificateSource = .certManager
        #expect(
            try AdmissionManifests.make(manager).yaml()
                == AdmissionManifests(options: manager, certificates: nil).yaml())
    }

    /// Options with one bad value each, and the flag the error must name.
    static let invalid: [(String, AdmissionInstallOptions)] = {
        func with(_ change: (inout AdmissionInstallOptions) -> Void) -> AdmissionInstallOptions {
            var options = AdmissionInstallOptions()
            change(&options)
            return options
        }
        return [
            ("--namespace", with { $0.namespace = "Bad_NS" }),
            ("--namespace", with { $0.namespace = "" }),
            ("--name", with { $0.name = "9starts-with-digit" }),
            ("--name", with { $0.name = String(repeating: "a", count: 60) }),
            ("--image", with { $0.image = "has space:1" }),
            ("--image", with { $0.image = "repo@sha256:abc" }),
            ("--replicas", with { $0.replicas = 0 }),
            ("--timeout-seconds", with { $0.timeoutSeconds = 31 }),
            ("--timeout-seconds", with { $0.timeoutSeconds = 0 }),
            ("--validity-days", with { $0.validityDays = 0 }),
            ("policy", with { $0.policyYAML = " \n" }),
        ]
    }()

    @Test("invalid options are rejected with the flag named", arguments: invalid)
    func invalidOptions(flag: String, options: AdmissionInstallOptions) throws {
        let error = #expect(throws: InstallOptionsError.self) { try options.validate() }
        #expect(error?.message.contains(flag) == true, "\(error?.message ?? "no error")")
    }
}
