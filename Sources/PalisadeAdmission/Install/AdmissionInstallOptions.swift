import PalisadePolicy

/// What `palisade admission manifests` installs: names, image, sizing, the webhook's behaviour and
/// how the serving certificate is provided. `validate()` checks every value before anything is
/// rendered, so bad input is one clear error and never a manifest the API server rejects later.
public struct AdmissionInstallOptions: Sendable, Equatable {
    /// Where the serving certificate comes from.
    public enum CertificateSource: Sendable, Equatable {
        /// A CA and serving certificate created now (`WebhookCertificates`), in a `kubernetes.io/tls`
        /// Secret, with `caBundle` filled in. Self-contained, but the output holds a private key.
        case generated
        /// cert-manager issues and rotates the certificate; its CA injector fills in `caBundle`.
        case certManager
    }

    public var namespace = "palisade"
    public var name = "palisade-admission"
    public var image = "ghcr.io/palisade-dev/palisade:0.1.0"
    public var replicas = 2
    /// `Ignore` (fail-open) by default: when every webhook pod is down, an outage of Palisade must
    /// not become an outage of the cluster (no pod could be created, not even Palisade's own
    /// replacement pods in other namespaces). `Fail` trades that for "nothing unchecked gets in".
    public var failurePolicy: AdmissionPolicy.FailurePolicy = .ignore
    /// How long the API server waits for an answer (the API allows 1–30 seconds).
    public var timeoutSeconds = 10
    /// The admission policy file's text, embedded in the ConfigMap.
    public var policyYAML = DefaultAdmissionPolicy.yaml
    public var certificateSource: CertificateSource = .generated
    /// Lifetime of the serving certificate (the generated CA lives twice as long).
    public var validityDays = 365

    public init() {}

    public static let timeoutRange = 1...30
    public static let replicaRange = 1...100
    public static let validityRange = 1...3650

    /// Objects named after `name` get these suffixes; the longest must still fit in 63 characters
    /// where Kubernetes requires a DNS label (the Service itself uses `name` alone).
    static let longestSuffix = "-selfsigned"

    /// Checks every option; the error names the flag and the accepted values.
    public func validate() throws(InstallOptionsError) {
        if let problem = DNSName.labelProblem(namespace) {
            throw InstallOptionsError("invalid --namespace '\(namespace)': \(problem)")
        }
        if let problem = DNSName.labelProblem(name, mustStartWithLetter: true) {
            throw InstallOptionsError("invalid --name '\(name)': \(problem)")
        }
        if name.count + Self.longestSuffix.count > DNSName.maxLabelLength {
            throw InstallOptionsError(
                "invalid --name '\(name)': at most \(DNSName.maxLabelLength - Self.longestSuffix.count) "
                    + "characters, so that derived names such as '\(name)\(Self.longestSuffix)' stay valid")
        }
        if let problem = ImageName.problem(image) {
            throw InstallOptionsError("invalid --image '\(image)': \(problem)")
        }
        if !Self.replicaRange.contains(replicas) {
            throw InstallOptionsError(
                "invalid --replicas \(replicas): use \(Self.replicaRange.lowerBound)…\(Self.replicaRange.upperBound)")
        }
        if !Self.timeoutRange.contains(timeoutSeconds) {
            throw InstallOptionsError(
                "invalid --timeout-seconds \(timeoutSeconds): the API server accepts "
                    + "\(Self.timeoutRange.lowerBound)…\(Self.timeoutRange.upperBound)")
        }
        if !Self.validityRange.contains(validityDays) {
            throw InstallOptionsError(
                "invalid --validity-days \(validityDays): use "
                    + "\(Self.validityRange.lowerBound)…\(Self.validityRange.upperBound)")
        }
        if policyYAML.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            throw InstallOptionsError("the policy is empty")
        }
    }
}

/// An option that cannot be installed, with a message naming the flag.
public struct InstallOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
