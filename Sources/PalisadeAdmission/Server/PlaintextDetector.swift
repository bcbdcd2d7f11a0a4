import NIOCore

/// Looks at a connection's first byte before TLS does: a TLS handshake record starts with 0x16.
/// A plain-HTTP request (an upper-case method name) gets Go's plaintext
/// "client sent an HTTP request to an HTTPS server" 400 so a misconfigured client learns why;
/// anything else is closed. Either way one log line, and the handler removes itself from healthy
/// connections after the first read.
final class PlaintextDetector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let tlsHandshakeRecord: UInt8 = 0x16
    private static let plaintextReply = Array(
        ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n"
            + "Content-Length: 48\r\n\r\nClient sent an HTTP request to an HTTPS server.\n").utf8)

    private let log: RateLimitedLog
    private var decided = false

    init(log: RateLimitedLog) {
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !decided else {
            // Bytes after a refusal, before the close completes: dropped.
            return
        }
        let buffer = unwrapInboundIn(data)
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return }
        decided = true
        if first == Self.tlsHandshakeRecord {
            context.fireChannelRead(data)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            return
        }
        let peer = context.channel.remoteAddress?.description ?? "unknown peer"
        if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) {
            log("refused plain HTTP from \(peer) on the HTTPS port")
            var reply = context.channel.allocator.buffer(capacity: Self.plaintextReply.count)
            reply.writeBytes(Self.plaintextReply)
            context.writeAndFlush(wrapOutboundOut(reply)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        } else {
            log("closed connection from \(peer): not a TLS handshake (first byte 0x\(String(first, radix: 16)))")
            context.close(promise: nil)
        }
    }
}
