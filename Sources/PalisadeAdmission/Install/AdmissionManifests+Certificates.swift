import Foundation

/// The serving certificate: a generated Secret, or the cert-manager objects that issue it.
extension AdmissionManifests {
    /// The generated serving certificate and key (`tls.crt`, `tls.key`) plus the CA (`ca.crt`, for
    /// reference; the API server gets it from `caBundle`).
    func tlsSecret(_ certificates: WebhookCertificates) -> ManifestYAML {
        func base64(_ text: String) -> ManifestYAML { .string(Data(text.utf8).base64EncodedString()) }
        return [
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": metadata(secretName),
            "type": "kubernetes.io/tls",
            "data": [
                "ca.crt": base64(certificates.caCertificatePEM),
                "tls.crt": base64(certificates.certificatePEM),
                "tls.key": base64(certificates.privateKeyPEM),
            ],
        ]
    }

    var caCertificateName: String { "\(options.name)-ca" }
    var selfSignedIssuerName: String { "\(options.name)-selfsigned" }
    var caIssuerName: String { "\(options.name)-ca" }

    /// cert-manager's usual bootstrap for a private CA: a self-signed Issuer signs a CA
    /// Certificate, a CA Issuer uses it to sign the serving Certificate. cert-manager renews the
    /// serving certificate a third of its lifetime before it expires, and its CA injector keeps the
    /// webhook configurations' `caBundle` in step. Keys never appear in the manifests.
    var certManagerObjects: [ManifestYAML] {
        let hours = options.validityDays * 24
        func issuerRef(_ name: String) -> ManifestYAML {
            ["name": .string(name), "kind": "Issuer", "group": "cert-manager.io"]
        }
        let privateKey: ManifestYAML = ["algorithm": "ECDSA", "size": 256, "rotationPolicy": "Always"]
        let selfSigned: ManifestYAML = [
            "apiVersion": "cert-manager.io/v1",
            "kind": "Issuer",
            "metadata": metadata(selfSignedIssuerName),
            "spec": ["selfSigned": [:]],
        ]
        let caCertificate: ManifestYAML = [
            "apiVersion": "cert-manager.io/v1",
            "kind": "Certificate",
            "metadata": metadata(caCertificateName),
            "spec": [
                "isCA": true,
                "commonName": .string("\(options.name).\(options.namespace) webhook CA"),
                "secretName": .string(caCertificateName),
                "duration": .string("\(hours * 2)h"),
                "renewBefore": .string("\(hours * 2 / 3)h"),
                "privateKey": privateKey,
                "issuerRef": issuerRef(selfSignedIssuerName),
            ],
        ]
        let caIssuer: ManifestYAML = [
            "apiVersion": "cert-manager.io/v1",
            "kind": "Issuer",
            "metadata": metadata(caIssuerName),
            "spec": ["ca": ["secretName": .string(caCertificateName)]],
        ]
        let names = WebhookCertificates.dnsNames(service: options.name, namespace: options.namespace)
        let serving: ManifestYAML = [
            "apiVersion": "cert-manager.io/v1",
            "kind": "Certificate",
            "metadata": metadata(servingCertificateName),
            "spec": [
                "secretName": .string(secretName),
                "commonName": .string(names[2]),
                "dnsNames": .list(names.map { .string($0) }),
                "duration": .string("\(hours)h"),
                "renewBefore": .string("\(hours / 3)h"),
                "usages": ["server auth", "digital signature"],
                "privateKey": privateKey,
                "issuerRef": issuerRef(caIssuerName),
            ],
        ]
        return [selfSigned, caCertificate, caIssuer, serving]
    }
}
