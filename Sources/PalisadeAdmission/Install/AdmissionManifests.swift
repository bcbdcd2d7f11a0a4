import Crypto
import Foundation

/// Everything `kubectl apply -f -` needs to run the admission webhook, as one multi-document YAML
/// stream. Rendering is pure and deterministic: the same options and certificates give the same
/// bytes, so the output can be diffed and reviewed (the generated certificates are the only part
/// that changes between runs, and they are passed in).
///
/// Objects come in dependency order — namespace and identity, configuration and certificates,
/// the serving pods, and the webhook configurations last, so the API server does not start
/// calling a webhook whose backend does not exist yet.
public struct AdmissionManifests: Sendable {
    public var options: AdmissionInstallOptions
    /// The generated CA and serving certificate; `nil` with `.certManager`.
    public var certificates: WebhookCertificates?

    /// - Precondition: `certificates` is given exactly when `options.certificateSource` is `.generated`.
    public init(options: AdmissionInstallOptions, certificates: WebhookCertificates?) {
        precondition(
            (options.certificateSource == .generated) == (certificates != nil),
            "certificates must be given exactly for the generated certificate source")
        self.options = options
        self.certificates = certificates
    }

    /// Validates the options, creates certificates when needed, and renders.
    public static func make(_ options: AdmissionInstallOptions, now: Date = Date()) throws -> AdmissionManifests {
        try options.validate()
        let certificates =
            options.certificateSource == .generated
            ? try WebhookCertificates.generate(
                service: options.name, namespace: options.namespace, validityDays: options.validityDays, now: now)
            : nil
        return AdmissionManifests(options: options, certificates: certificates)
    }

    /// The objects, in apply order. Without `includingSecret`, the generated TLS Secret is left
    /// out (see `secretYAML()`), so the rest holds no private key and can be committed.
    public func objects(includingSecret: Bool = true) -> [ManifestYAML] {
        var list: [ManifestYAML] = [namespaceObject, serviceAccount, policyConfigMap]
        if let certificates {
            if includingSecret { list.append(tlsSecret(certificates)) }
        } else {
            list += certManagerObjects
        }
        list += [service, deployment, disruptionBudget, validatingWebhooks, mutatingWebhooks]
        return list
    }

    /// The YAML stream: a comment header, then each object after `---`.
    public func yaml(includingSecret: Bool = true) -> String {
        var out = "# Palisade admission webhook for namespace \(options.namespace). Apply: kubectl apply -f FILE\n"
        if certificates != nil {
            out +=
                includingSecret
                ? "# This output holds the webhook's TLS private key: apply it, do not commit it (or use --cert-manager).\n"
                : "# The TLS Secret \(secretName) is applied separately (it holds the private key).\n"
        }
        for object in objects(includingSecret: includingSecret) {
            out += "---\n" + object.document()
        }
        return out
    }

    /// The generated TLS Secret alone (a one-document stream), or `nil` in cert-manager mode.
    public func secretYAML() -> String? {
        guard let certificates else { return nil }
        return "# Palisade admission webhook TLS Secret: holds a private key, do not commit it.\n---\n"
            + tlsSecret(certificates).document()
    }

    // MARK: Names shared by the objects

    var secretName: String { "\(options.name)-tls" }
    var configMapName: String { "\(options.name)-policy" }
    var servingCertificateName: String { "\(options.name)-tls" }

    /// The labels every object carries; `selectorLabels` is the subset pods are selected by.
    var labels: ManifestYAML {
        [
            "app.kubernetes.io/name": .string(options.name),
            "app.kubernetes.io/component": "admission-webhook",
            "app.kubernetes.io/part-of": "palisade",
            "app.kubernetes.io/managed-by": "palisade",
        ]
    }

    var selectorLabels: ManifestYAML { ["app.kubernetes.io/name": .string(options.name)] }

    /// `metadata` of a namespaced object.
    func metadata(_ name: String, annotations: [(String, ManifestYAML)] = []) -> ManifestYAML {
        var entries: [(String, ManifestYAML)] = [
            ("name", .string(name)), ("namespace", .string(options.namespace)), ("labels", labels),
        ]
        if !annotations.isEmpty { entries.append(("annotations", .map(annotations))) }
        return .map(entries)
    }

    /// sha256 of the policy, as a pod-template annotation: a changed policy rolls the pods, which
    /// read the file once at start-up.
    var policyDigest: String {
        SHA256.hash(data: Data(options.policyYAML.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }.joined()
    }

    // MARK: Identity and configuration

    /// The namespace enforces Pod Security `restricted`, so the webhook's own pods are held to the
    /// standard the webhook enforces (they run in a namespace the webhook itself skips).
    var namespaceObject: ManifestYAML {
        [
            "apiVersion": "v1",
            "kind": "Namespace",
            "metadata": [
                "name": .string(options.namespace),
                "labels": [
                    "app.kubernetes.io/part-of": "palisade",
                    "pod-security.kubernetes.io/enforce": "restricted",
                    "pod-security.kubernetes.io/enforce-version": "latest",
                    "pod-security.kubernetes.io/warn": "restricted",
                    "pod-security.kubernetes.io/audit": "restricted",
                ],
            ],
        ]
    }

    /// The webhook needs no Kubernetes API access, so its token is never mounted.
    var serviceAccount: ManifestYAML {
        [
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": metadata(options.name),
            "automountServiceAccountToken": false,
        ]
    }

    var policyConfigMap: ManifestYAML {
        [
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": metadata(configMapName),
            "data": ["policy.yaml": .text(options.policyYAML)],
        ]
    }
}
