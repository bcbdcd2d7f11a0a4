import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A raw client connection for the tests libcurl cannot express: several requests on one
/// keep-alive connection, bytes dribbled slowly, plain HTTP or garbage on the TLS port. Received
/// bytes accumulate; `response()` takes one complete HTTP response off the front.
final class ServerTestConnection: Sendable {
    let channel: any Channel
    private let inbox: Inbox

    /// What the connection has received so far, and whether it was closed.
    final class Inbox: Sendable {
        let state = Mutex((bytes: [UInt8](), closed: false))
    }

    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let inbox: Inbox

        init(inbox: Inbox) {
            self.inbox = inbox
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            inbox.state.withLock { $0.bytes.append(contentsOf: buffer.readableBytesView) }
        }

        func channelInactive(context: ChannelHandlerContext) {
            inbox.state.withLock { $0.closed = true }
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }

    private init(channel: any Channel, inbox: Inbox) {
        self.channel = channel
        self.inbox = inbox
    }

    /// Connects to 127.0.0.1:`port`, over TLS trusting `caFile` when given, plain TCP otherwise.
    static func open(port: Int, caFile: String?) async throws -> ServerTestConnection {
        let inbox = Inbox()
        let context: NIOSSLContext? = try caFile.map { caFile in
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.trustRoots = .file(caFile)
            return try NIOSSLContext(configuration: configuration)
        }
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: context, serverHostname: "localhost"))
                    }
                    try channel.pipeline.syncOperations.addHandler(Collector(inbox: inbox))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return ServerTestConnection(channel: channel, inbox: inbox)
    }

    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
    }

    var closed: Bool { inbox.state.withLock { $0.closed } }

    var received: String { inbox.state.withLock { String(decoding: $0.bytes, as: UTF8.self) } }

    /// Waits until the server closed the connection.
    func waitForClose(timeout: Duration = .seconds(10)) async -> Bool {
        await serverEventually(timeout: timeout) { closed }
    }

    /// Waits for one complete response (head plus Content-Length body) and removes it from the inbox.
    func response(timeout: Duration = .seconds(10)) async throws -> (status: Int, head: String, body: String) {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let response = inbox.state.withLock({ Self.takeResponse(&$0.bytes) }) { return response }
            if closed { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw ServerTestFailure("no complete response; received \(received.prefix(200)), closed: \(closed)")
    }

    func close() async {
        try? await channel.close().get()
    }

    private static func takeResponse(_ bytes: inout [UInt8]) -> (status: Int, head: String, body: String)? {
        let separator = Array("\r\n\r\n".utf8)
        guard bytes.count >= 4,
            let end = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<($0 + 4)]) == separator })
        else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        var length = 0
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        guard bytes.count >= end + 4 + length else { return nil }
        let body = String(decoding: bytes[(end + 4)..<(end + 4 + length)], as: UTF8.self)
        bytes.removeFirst(end + 4 + length)
        let status = head.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, head, body)
    }
}

extension ServerUnderTest {
    /// One request's bytes: `POST path` with a JSON body, keep-alive unless `close`.
    static func rawPost(_ path: String = "/validate", body: String = #"{"kind":"AdmissionReview"}"#) -> String {
        "POST \(path) HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }
}
