import ArgumentParser
import Foundation
import PalisadeAdmission
import PalisadeCore
import PalisadeFormats
import PalisadePolicy

/// `palisade admission manifests`: prints the YAML that installs the admission webhook. Wiring
/// only; the objects, their checks and the certificates live in PalisadeAdmission's Install/.
struct AdmissionManifestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifests",
        abstract: "Print the manifests that install the admission webhook (pipe them to kubectl apply -f -).",
        discussion: """
            Prints a Namespace (Pod Security restricted), ServiceAccount, policy ConfigMap, TLS material, \
            Deployment, PodDisruptionBudget, Service and the validating and mutating webhook configurations. \
            By default a CA and serving certificate are generated and caBundle is filled in: the output then \
            holds a private key, so apply it rather than commit it. With --cert-manager, cert-manager issues \
            and rotates the certificate instead. See docs/admission-install.md.
            """)

    @Option(help: ArgumentHelp("Namespace to install into.", valueName: "NAME"))
    var namespace = "palisade"

    @Option(help: ArgumentHelp("Name of the Deployment, Service and webhook configurations.", valueName: "NAME"))
    var name = "palisade-admission"

    @Option(help: ArgumentHelp("Server image (a digest-pinned NAME@sha256:… is best).", valueName: "IMAGE"))
    var image = "ghcr.io/palisade-dev/palisade:0.1.0"

    @Option(help: ArgumentHelp("Webhook pods.", valueName: "N"))
    var replicas = 2

    @Option(
        name: .customLong("failure-policy"),
        help: ArgumentHelp(
            "What the API server does when the webhook cannot answer: Ignore (allow, the default) or Fail (deny).",
            valueName: "POLICY"))
    var failurePolicy = "Ignore"

    @Option(
        name: .customLong("timeout-seconds"),
        help: ArgumentHelp("Seconds the API server waits for the webhook (1-30).", valueName: "N"))
    var timeoutSeconds = 10

    @Option(help: ArgumentHelp("Admission policy file (default: the built-in default policy).", valueName: "FILE"))
    var policy: String?

    @Flag(
        name: .customLong("cert-manager"),
        help: "Let cert-manager issue the serving certificate and inject caBundle instead of generating them now.")
    var certManager = false

    @Option(
        name: .customLong("validity-days"),
        help: ArgumentHelp("Lifetime of the serving certificate in days (the CA gets twice as long).", valueName: "N"))
    var validityDays = 365

    @Option(
        name: .customLong("secret-out"),
        help: ArgumentHelp(
            "Write the generated TLS Secret (it holds the private key) to FILE, mode 0600, instead of stdout.",
            valueName: "FILE"))
    var secretOut: String?

    /// The options without the policy text (read in `run`, where a file error can carry its path).
    func installOptions() throws -> AdmissionInstallOptions {
        var options = AdmissionInstallOptions()
        options.namespace = namespace
        options.name = name
        options.image = image
        options.replicas = replicas
        guard let parsed = Self.failurePolicy(failurePolicy) else {
            throw ValidationError("invalid --failure-policy '\(failurePolicy)'; use Ignore or Fail")
        }
        options.failurePolicy = parsed
        options.timeoutSeconds = timeoutSeconds
        options.certificateSource = certManager ? .certManager : .generated
        options.validityDays = validityDays
        return options
    }

    /// `Ignore` or `Fail`, in any letter case (kubectl's spelling is the capitalised one).
    static func failurePolicy(_ text: String) -> AdmissionPolicy.FailurePolicy? {
        switch text.lowercased() {
        case "ignore": .ignore
        case "fail": .fail
        default: nil
        }
    }

    func validate() throws {
        if secretOut != nil, certManager {
            throw ValidationError(
                "--secret-out needs a generated certificate; with --cert-manager there is no key to write")
        }
        do {
            try installOptions().validate()
        } catch let error as InstallOptionsError {
            throw ValidationError(error.message)
        }
    }

    func run() async throws {
        var options = try installOptions()
        if let policy {
            options.policyYAML = try Self.readPolicy(path: policy)
        }
        // The server must answer (per the policy's failurePolicy) before the API server gives up on it.
        let embedded = try AdmissionPolicy.parse(options.policyYAML, file: policy ?? "the default policy")
        guard embedded.timeoutSeconds < Double(options.timeoutSeconds) else {
            throw ValidationError(
                "the policy's timeoutSeconds (\(embedded.timeoutSeconds)) must be below --timeout-seconds "
                    + "(\(options.timeoutSeconds)), so the webhook answers before the API server gives up")
        }
        let manifests: AdmissionManifests
        do {
            manifests = try AdmissionManifests.make(options)
        } catch let error as InstallOptionsError {
            throw ValidationError(error.message)
        }
        if let secretOut, let secret = manifests.secretYAML() {
            try Self.writePrivate(secret, to: secretOut)
            StandardStreams.output(manifests.yaml(includingSecret: false))
        } else {
            StandardStreams.output(manifests.yaml())
        }
    }

    /// Writes `text` readable by the owner only: the file holds the serving certificate's key.
    static func writePrivate(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw InputError(file: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // An existing file keeps its mode through O_TRUNC: tighten it too.
        _ = fchmod(descriptor, 0o600)
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                throw InputError(file: path, reason: "cannot write: \(String(cString: strerror(errno)))")
            }
            written += n
        }
    }

    /// Reads and checks the policy file, so a broken policy fails here rather than in the pods.
    static func readPolicy(path: String) throws -> String {
        let buffer = try SourceBuffer.read(path: path, maxBytes: 1 << 20)
        guard let text = String(validating: buffer.bytes, as: UTF8.self) else {
            throw InputError(file: path, reason: "the policy file is not UTF-8 text")
        }
        _ = try AdmissionPolicy.parse(text, file: path)
        return text
    }
}
