import NIOCore

/// What the HTTP handler tells `ConnectionDeadlines` (as outbound user events) about the
/// request it is working on.
enum RequestPhase: Sendable {
    /// A whole request has arrived: no read deadline while it is evaluated.
    case complete
    /// Its response is written and the connection stays open: idle until the next byte, unless
    /// part of the next request has already arrived (`partial`), whose read deadline starts now.
    case responded(partial: Bool)
}

/// Slow-loris and idle defences for one connection, placed right after TLS so it sees decrypted
/// bytes: from accept (handshake included) and from the first byte of each later request, the
/// whole request must arrive within `readTimeout`; between requests the connection may sit idle
/// for `idleTimeout`. Either way the connection is closed when time runs out. (Known limit: a
/// pipelined request whose head is still incomplete when the previous response goes out is
/// timed as idle, since the HTTP decoder holds those bytes without reporting them.)
final class ConnectionDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        case reading
        case processing
        case idle
    }

    private let readTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private let log: RateLimitedLog
    private var state = State.reading
    private var bytesWhileProcessing = false
    private var timer: Scheduled<Void>?

    init(readTimeout: TimeAmount, idleTimeout: TimeAmount, log: RateLimitedLog) {
        self.readTimeout = readTimeout
        self.idleTimeout = idleTimeout
        self.log = log
    }

    func handlerAdded(context: ChannelHandlerContext) {
        arm(context: context, .reading)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .idle: arm(context: context, .reading)
        case .processing: bytesWhileProcessing = true
        case .reading: break
        }
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let phase = event as? RequestPhase else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch phase {
        case .complete:
            timer?.cancel()
            timer = nil
            state = .processing
            bytesWhileProcessing = false
        case .responded(let partial):
            // Bytes of a pipelined request already arrived: its read deadline runs from now.
            arm(context: context, partial || bytesWhileProcessing ? .reading : .idle)
        }
        promise?.succeed()
    }

    private func arm(context: ChannelHandlerContext, _ next: State) {
        timer?.cancel()
        state = next
        let reading = next == .reading
        let delay = reading ? readTimeout : idleTimeout
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
            timer = nil
            if reading {
                let peer = context.channel.remoteAddress?.description ?? "unknown peer"
                log("closing connection from \(peer): request not complete within \(Self.seconds(delay))s")
            }
            context.close(promise: nil)
        }
    }

    private static func seconds(_ amount: TimeAmount) -> String {
        PrometheusText.number(Double(amount.nanoseconds) / 1e9)
    }
}
