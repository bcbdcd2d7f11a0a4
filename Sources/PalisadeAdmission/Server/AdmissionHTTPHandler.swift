import NIOCore
import NIOHTTP1
import NIOSSL

/// One connection's HTTP/1.1 requests: collects each body (bounded), answers probes and
/// metrics, and hands POST bodies to the reviewer on this connection's event loop.
///
/// Evaluation is deferred to a task on the same loop rather than run inside `channelRead`: the
/// loop first reads every connection that is ready, stamping each request's arrival, and only
/// then evaluates. So when evaluations pile up (overload), requests that waited past
/// `answerDeadline` are seen as late and answered with `timedOut` at once instead of queueing.
final class AdmissionHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    /// A request being received or waiting for evaluation.
    private struct Request {
        var route: Route
        var path: String
        var arrived: NIODeadline
        var keepAlive: Bool
        var body: ByteBuffer?
        var bodyBytes = 0
        var expectedBytes: Int?
    }

    private let shared: ServerContext
    private var current: Request?
    private var ready: [Request] = []
    private var evaluationScheduled = false
    /// Set after a refusal (413, malformed request) or once draining: no more requests are read.
    private var closing = false
    private var drainRequested = false

    init(shared: ServerContext) {
        self.shared = shared
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            receiveHead(head, context: context)
        case .body(let part):
            receiveBody(part, context: context)
        case .end:
            guard let request = current else { return }
            current = nil
            ready.append(request)
            context.triggerUserOutboundEvent(RequestPhase.complete, promise: nil)
            scheduleEvaluation(context: context)
        }
    }

    private func receiveHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let arrived = NIODeadline.now()
        let path = Route.path(of: head.uri)
        var request = Request(
            route: Route(method: head.method, path: path), path: path, arrived: arrived, keepAlive: head.isKeepAlive)
        if let declared = head.headers.first(name: "content-length") {
            guard let length = Int(declared), length >= 0 else {
                refuse(status: 400, message: "invalid Content-Length", path: path, since: arrived, context: context)
                return
            }
            // Refused before any of the body is read.
            guard length <= shared.maxBodyBytes else {
                refuseTooLarge(path: path, since: arrived, context: context)
                return
            }
            request.expectedBytes = length
        }
        if head.headers.contains(name: "expect") {
            guard head.headers.first(name: "expect")?.lowercased() == "100-continue" else {
                refuse(status: 417, message: "unsupported Expect", path: path, since: arrived, context: context)
                return
            }
            var reply = context.channel.allocator.buffer(capacity: 32)
            reply.writeStaticString("HTTP/1.1 100 Continue\r\n\r\n")
            context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
        }
        current = request
    }

    private func receiveBody(_ part: ByteBuffer, context: ChannelHandlerContext) {
        guard var request = current else { return }
        current = nil
        // Counted as the bytes arrive, so chunked bodies are bounded too.
        request.bodyBytes += part.readableBytes
        guard request.bodyBytes <= shared.maxBodyBytes else {
            refuseTooLarge(path: request.path, since: request.arrived, context: context)
            return
        }
        if request.route.keepsBody {
            if request.body == nil {
                // The common case: the whole body arrived in one read and is used without a copy.
                request.body = part
            } else {
                let remaining = max(part.readableBytes, (request.expectedBytes ?? 0) - request.bodyBytes)
                request.body!.reserveCapacity(minimumWritableBytes: remaining)
                request.body!.writeImmutableBuffer(part)
            }
        }
        current = request
    }

    private func scheduleEvaluation(context: ChannelHandlerContext) {
        guard !evaluationScheduled else { return }
        evaluationScheduled = true
        context.eventLoop.assumeIsolated().execute { [self] in
            evaluationScheduled = false
            evaluateReady(context: context)
        }
    }

    private func evaluateReady(context: ChannelHandlerContext) {
        guard context.channel.isActive else {
            ready.removeAll()
            return
        }
        while !ready.isEmpty {
            let request = ready.removeFirst()
            let wantsClose = !request.keepAlive || drainRequested || shared.tracker.draining
            let (response, closeAfter) = answer(request, close: wantsClose, allocator: context.channel.allocator)
            if closeAfter {
                ready.removeAll()
                closing = true
                context.writeAndFlush(wrapOutboundOut(response)).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
                return
            }
            context.write(wrapOutboundOut(response), promise: nil)
        }
        context.flush()
        context.triggerUserOutboundEvent(RequestPhase.responded(partial: current != nil), promise: nil)
    }

    /// The response, and whether the connection closes after it.
    private func answer(_ request: Request, close: Bool, allocator: ByteBufferAllocator) -> (ByteBuffer, Bool) {
        let response: ByteBuffer
        switch request.route {
        case .review:
            return review(request, close: close, allocator: allocator)
        case .healthz:
            response = ResponseBytes.make(
                status: 200, contentType: ResponseBytes.text, body: "ok", close: close, allocator: allocator)
            finish(request, status: 200)
        case .readyz:
            let ready = !shared.tracker.draining
            let status = ready ? 200 : 503
            response = ResponseBytes.make(
                status: status, contentType: ResponseBytes.text, body: ready ? "ok" : "shutting down", close: close,
                allocator: allocator)
            finish(request, status: status)
        case .metrics:
            response = ResponseBytes.make(
                status: 200, contentType: ResponseBytes.prometheus, body: shared.metrics.text, close: close,
                allocator: allocator)
            finish(request, status: 200)
        case .notFound:
            response = ResponseBytes.make(
                status: 404, contentType: ResponseBytes.json, body: #"{"error":"not found"}"#, close: close,
                allocator: allocator)
            finish(request, status: 404)
        case .methodNotAllowed:
            response = ResponseBytes.make(
                status: 405, contentType: ResponseBytes.json, body: #"{"error":"method not allowed"}"#, close: close,
                allocator: allocator)
            finish(request, status: 405)
        }
        return (response, close)
    }

    private func review(_ request: Request, close: Bool, allocator: ByteBufferAllocator) -> (ByteBuffer, Bool) {
        let late = NIODeadline.now() - request.arrived > shared.answerDeadline
        let reviewer = shared.reviewer
        let path = request.path
        let reply: ReviewReply
        if let body = request.body {
            reply = body.withUnsafeReadableBytes { bytes in
                late ? reviewer.timedOut(body: bytes, path: path) : reviewer.review(body: bytes, path: path)
            }
        } else {
            let empty = UnsafeRawBufferPointer(start: nil, count: 0)
            reply = late ? reviewer.timedOut(body: empty, path: path) : reviewer.review(body: empty, path: path)
        }
        if let line = reply.logLine { shared.log(line) }
        // Shutdown may have begun while the reviewer worked: this response is then the last.
        let close = close || shared.tracker.draining
        let response = ResponseBytes.make(
            status: reply.status, contentType: ResponseBytes.json, body: reply.body, close: close, allocator: allocator)
        finish(request, status: reply.status, review: reply, timedOut: late)
        return (response, close)
    }

    private func finish(_ request: Request, status: Int, review: ReviewReply? = nil, timedOut: Bool = false) {
        let seconds = Double((NIODeadline.now() - request.arrived).nanoseconds) / 1e9
        shared.metrics.recordRequest(
            path: request.path, status: status, seconds: seconds, review: review, timedOut: timedOut)
    }

    /// Answers 413 at once and closes: the rest of the body is never read.
    private func refuseTooLarge(path: String, since arrived: NIODeadline, context: ChannelHandlerContext) {
        let peer = context.channel.remoteAddress?.description ?? "unknown peer"
        shared.log("refused a request body over \(shared.maxBodyBytes) bytes from \(peer)")
        refuse(status: 413, message: "request body too large", path: path, since: arrived, context: context)
    }

    private func refuse(
        status: Int, message: String, path: String, since arrived: NIODeadline, context: ChannelHandlerContext
    ) {
        current = nil
        ready.removeAll()
        closing = true
        let body = #"{"error":""# + message + #""}"#
        let response = ResponseBytes.make(
            status: status, contentType: ResponseBytes.json, body: body, close: true,
            allocator: context.channel.allocator)
        let seconds = Double((NIODeadline.now() - arrived).nanoseconds) / 1e9
        shared.metrics.recordRequest(path: path, status: status, seconds: seconds, review: nil, timedOut: false)
        context.writeAndFlush(wrapOutboundOut(response)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ServerDrainEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        drainRequested = true
        // Idle: nothing in flight, close now. Busy: the next response carries `Connection: close`.
        if current == nil && ready.isEmpty && !closing {
            closing = true
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let tlsError = error as? NIOSSLError, case .uncleanShutdown = tlsError {
            // A client that hangs up without close_notify: common and harmless.
            context.close(promise: nil)
            return
        }
        let peer = context.channel.remoteAddress?.description ?? "unknown peer"
        if error is HTTPParserError, !closing {
            shared.log("malformed HTTP request from \(peer): \(error)")
            refuse(status: 400, message: "malformed HTTP request", path: "-", since: .now(), context: context)
            return
        }
        shared.log("closing connection from \(peer): \(error)")
        context.close(promise: nil)
    }
}
