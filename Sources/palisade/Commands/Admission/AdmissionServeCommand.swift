import ArgumentParser
import Foundation
import PalisadeAdmission
import PalisadeCore
import PalisadePolicy

/// `palisade admission serve`: the validating (`/validate`) and mutating (`/mutate`) webhook over
/// HTTPS. Wiring only: the policy decides, the server serves.
struct AdmissionServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the admission webhook (HTTPS: /validate, /mutate, /healthz, /readyz, /metrics).",
        discussion: """
            The policy file selects rules from 'palisade rules list' and says what each does: enforce (deny), \
            warn or audit; see docs/admission.md. The certificate and key are reloaded when their files change \
            (cert-manager rotation), without dropping connections. SIGTERM stops accepting connections, \
            finishes the requests in flight, then exits. Install manifests: 'palisade admission manifests'.
            """)

    @Option(name: .customLong("config"), help: ArgumentHelp("The admission policy (YAML).", valueName: "FILE"))
    var config: String

    @Option(
        name: .customLong("tls-cert"),
        help: ArgumentHelp("Serving certificate (PEM, chain allowed).", valueName: "FILE"))
    var tlsCert: String

    @Option(
        name: .customLong("tls-key"), help: ArgumentHelp("Private key of the certificate (PEM).", valueName: "FILE"))
    var tlsKey: String

    @Option(
        name: .customLong("client-ca"),
        help: ArgumentHelp("Require client certificates signed by this CA (PEM).", valueName: "FILE"))
    var clientCA: String?

    @Option(help: "Address to listen on.")
    var host = "0.0.0.0"

    @Option(help: "Port to listen on (0 picks a free one and prints it).")
    var port = 8443

    @Option(
        name: .customLong("max-body-bytes"),
        help: ArgumentHelp("Largest request body accepted (the API server sends at most ~3 MiB).", valueName: "BYTES"))
    var maxBodyBytes = 3 << 20

    @Option(
        name: .customLong("namespaces"),
        help: ArgumentHelp(
            "Namespace manifests (e.g. 'kubectl get ns -o yaml') for Pod Security labels; overrides the policy's namespaces.file.",
            valueName: "FILE"))
    var namespacesFile: String?

    @Option(
        help: ArgumentHelp(
            "Event-loop threads (default: one per core, or the container's cgroup CPU limit when lower).",
            valueName: "N"))
    var threads: Int?

    @Flag(name: .customLong("constant-allow"), help: .hidden)
    var constantAllow = false

    /// Microseconds of CPU the constant allow burns per review: the benchmark's stand-in for a
    /// review of known cost.
    @Option(name: .customLong("constant-allow-cost-us"), help: .hidden)
    var constantAllowCostMicroseconds: Double?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard maxBodyBytes >= 1024 else { throw ValidationError("--max-body-bytes must be at least 1024") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be 1…256") }
        if let cost = constantAllowCostMicroseconds {
            guard constantAllow else { throw ValidationError("--constant-allow-cost-us needs --constant-allow") }
            guard cost.isFinite, (0...100_000).contains(cost) else {
                throw ValidationError("--constant-allow-cost-us must be 0…100000")
            }
        }
    }

    func run() async throws {
        let policy: AdmissionPolicy
        let namespaces = NamespaceLabelCache()
        do throws(InputError) {
            policy = try AdmissionPolicy.load(path: config)
            if let file = namespacesFile ?? policy.namespacesFile { try namespaces.load(path: file) }
        } catch {
            StandardStreams.error("palisade: error: \(error.description)")
            throw ExitCode(2)
        }
        let reviewer = PolicyReviewer(
            controller: AdmissionController(policy: policy, namespaces: namespaces), constantAllow: constantAllow,
            constantAllowCostNanoseconds: Int(((constantAllowCostMicroseconds ?? 0) * 1000).rounded()))
        var configuration = AdmissionServerConfiguration(certificatePath: tlsCert, keyPath: tlsKey)
        configuration.host = host
        configuration.port = port
        configuration.clientCAPath = clientCA
        configuration.maxBodyBytes = maxBodyBytes
        if let threads { configuration.eventLoopThreads = threads }
        configuration.answerDeadline = .milliseconds(Int(policy.timeoutSeconds * 1000))
        let server: AdmissionServer
        do {
            server = try AdmissionServer(configuration: configuration, reviewer: reviewer, log: Self.log)
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
        do {
            try await server.runUntilTerminated()
        } catch {
            StandardStreams.error("palisade: error: \(error)")
            throw ExitCode(2)
        }
    }

    /// One line per event on stderr, with a UTC timestamp (collected by the container runtime).
    @Sendable static func log(_ line: String) {
        let now = Date().formatted(.iso8601)
        StandardStreams.error("\(now) \(line)")
    }
}
