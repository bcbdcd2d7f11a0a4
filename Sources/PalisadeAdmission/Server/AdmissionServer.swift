import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// The admission webhook's HTTPS server: TLS 1.2+ with hot-reloaded certificates, optional
/// client-certificate verification, bounded bodies and deadlines for hostile clients, Prometheus
/// metrics, and a graceful shutdown that lets in-flight reviews finish. It knows nothing about
/// policies: every POST body goes to the `AdmissionReviewer`.
public final class AdmissionServer: Sendable {
    private struct Running: Sendable {
        var group: MultiThreadedEventLoopGroup
        var listener: any Channel
        var reloader: Task<Void, Never>
    }

    private enum Lifecycle: Sendable {
        case idle
        case starting
        case running(Running)
        case stopping
        case stopped
    }

    private let configuration: AdmissionServerConfiguration
    private let shared: ServerContext
    private let certificates: CertificateReloader
    private let lifecycle = Mutex(Lifecycle.idle)

    /// Loads the certificate, key and client CA now, so a bad path or a mismatched key fails
    /// here with a one-line `AdmissionServerError` rather than at the first connection.
    public init(
        configuration: AdmissionServerConfiguration, reviewer: any AdmissionReviewer,
        log: @escaping @Sendable (String) -> Void
    ) throws(AdmissionServerError) {
        self.configuration = configuration
        certificates = try CertificateReloader(
            files: TLSFiles(
                certificatePath: configuration.certificatePath, keyPath: configuration.keyPath,
                clientCAPath: configuration.clientCAPath))
        shared = ServerContext(
            reviewer: reviewer, metrics: ServerMetrics(), log: RateLimitedLog(sink: log),
            tracker: ConnectionTracker(maxConnections: configuration.maxConnections),
            maxBodyBytes: configuration.maxBodyBytes, answerDeadline: TimeAmount(configuration.answerDeadline))
    }

    /// Whether graceful shutdown has begun (tests observe it without a connection).
    var isDraining: Bool { shared.tracker.draining }

    /// The Prometheus text exposition of the server's metrics (also served at `/metrics`).
    public var metricsText: String { shared.metrics.text }

    /// Binds and starts serving; returns the bound port (useful with port 0).
    public func start() async throws -> Int {
        let claimed = lifecycle.withLock { state -> Bool in
            guard case .idle = state else { return false }
            state = .starting
            return true
        }
        guard claimed else { throw AdmissionServerError.alreadyStarted }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.eventLoopThreads))
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [self] channel in initialize(channel) }
        let listener: any Channel
        do {
            listener = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch {
            try? await group.shutdownGracefully()
            lifecycle.withLock { $0 = .stopped }
            throw AdmissionServerError.bindFailed(
                host: configuration.host, port: configuration.port, detail: "\(error)")
        }
        let reloader = Task { [certificates, shared, configuration] in
            await Self.watchCertificates(certificates, every: configuration.reloadInterval, shared: shared)
        }
        lifecycle.withLock { $0 = .running(Running(group: group, listener: listener, reloader: reloader)) }
        let port = listener.localAddress?.port ?? configuration.port
        shared.log("admission server listening on \(configuration.host):\(port)")
        return port
    }

    /// Graceful shutdown: stop accepting, turn `/readyz` to 503, let in-flight requests finish
    /// (their responses say `Connection: close`), close idle connections, and after
    /// `shutdownGrace` close whatever is left; then stop the event loops.
    public func shutdown() async {
        let running = lifecycle.withLock { state -> Running? in
            switch state {
            case .running(let running):
                state = .stopping
                return running
            case .idle:
                state = .stopped
                return nil
            case .starting, .stopping, .stopped:
                return nil
            }
        }
        guard let running else {
            await waitUntilStopped()
            return
        }
        let open = shared.tracker.beginDraining()
        running.reloader.cancel()
        try? await running.listener.close().get()
        for channel in open { channel.pipeline.fireUserInboundEventTriggered(ServerDrainEvent()) }
        let deadline = ContinuousClock.now + configuration.shutdownGrace
        while shared.tracker.count > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let left = shared.tracker.open
        if !left.isEmpty { shared.log("closing \(left.count) connections still open after the shutdown grace period") }
        for channel in left { try? await channel.close().get() }
        try? await running.group.shutdownGracefully()
        shared.log.flush()
        lifecycle.withLock { $0 = .stopped }
    }

    /// For the CLI: starts, waits for SIGTERM or SIGINT, then shuts down gracefully. The signals'
    /// default handlers are ignored before the server starts, so an early signal is not fatal.
    public func runUntilTerminated() async throws {
        let termination = TerminationSignal()
        defer { termination.cancel() }
        _ = try await start()
        let signal = await termination.wait()
        shared.log("received \(signal), shutting down")
        await shutdown()
    }

    private func waitUntilStopped() async {
        while true {
            let stopped = lifecycle.withLock { state in
                if case .stopped = state { return true }
                return false
            }
            if stopped { return }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// One connection's pipeline: plaintext detector, TLS (the context current now), deadlines,
    /// HTTP/1.1 decoding and the admission handler.
    private func initialize(_ channel: any Channel) -> EventLoopFuture<Void> {
        guard shared.tracker.admit(channel) else {
            shared.metrics.connectionRejected()
            let peer = channel.remoteAddress?.description ?? "unknown peer"
            shared.log("refused connection from \(peer): \(shared.tracker.maxConnections) connections open")
            channel.close(promise: nil)
            return channel.eventLoop.makeSucceededVoidFuture()
        }
        shared.metrics.connectionOpened()
        channel.closeFuture.whenComplete { [shared] _ in
            shared.tracker.remove(channel)
            shared.metrics.connectionClosed()
        }
        do {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(PlaintextDetector(log: shared.log))
            try pipeline.addHandler(NIOSSLServerHandler(context: certificates.context))
            try pipeline.addHandler(
                ConnectionDeadlines(
                    readTimeout: TimeAmount(configuration.requestReadTimeout),
                    idleTimeout: TimeAmount(configuration.idleTimeout), log: shared.log))
            try pipeline.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
            try pipeline.addHandler(AdmissionHTTPHandler(shared: shared))
            return channel.eventLoop.makeSucceededVoidFuture()
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
    }

    /// Polls the certificate files until cancelled; each change is one reload and one log line.
    private static func watchCertificates(
        _ certificates: CertificateReloader, every interval: Duration, shared: ServerContext
    ) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            switch certificates.reloadIfChanged() {
            case .unchanged:
                break
            case .reloaded:
                shared.metrics.certificateReload(succeeded: true)
                shared.log("reloaded the serving certificate from \(certificates.files.certificatePath)")
            case .failed(let reason):
                shared.metrics.certificateReload(succeeded: false)
                shared.log("certificate reload failed, keeping the previous one: \(reason)")
            }
            shared.log.flush()
        }
    }
}
