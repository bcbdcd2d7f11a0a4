import NIOCore
import NIOHTTP1

/// Builds a whole HTTP/1.1 response (status line, headers, body) in one buffer, so it goes out
/// as one write and one TLS record: no per-part encoder, no extra flushes.
enum ResponseBytes {
    static let json = "application/json"
    static let text = "text/plain; charset=utf-8"
    static let prometheus = "text/plain; version=0.0.4; charset=utf-8"

    static func make(
        status: Int, contentType: String, body: UnsafeRawBufferPointer, close: Bool, allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 128 + body.count)
        buffer.writeStaticString("HTTP/1.1 ")
        buffer.writeString(String(status))
        buffer.writeStaticString(" ")
        buffer.writeString(HTTPResponseStatus(statusCode: status).reasonPhrase)
        buffer.writeStaticString("\r\nContent-Type: ")
        buffer.writeString(contentType)
        buffer.writeStaticString("\r\nContent-Length: ")
        buffer.writeString(String(body.count))
        if close { buffer.writeStaticString("\r\nConnection: close") }
        buffer.writeStaticString("\r\n\r\n")
        buffer.writeBytes(body)
        return buffer
    }

    static func make(
        status: Int, contentType: String, body: String, close: Bool, allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        var body = body
        return body.withUTF8 {
            make(
                status: status, contentType: contentType, body: UnsafeRawBufferPointer($0), close: close,
                allocator: allocator)
        }
    }

    static func make(
        status: Int, contentType: String, body: [UInt8], close: Bool, allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        body.withUnsafeBytes {
            make(status: status, contentType: contentType, body: $0, close: close, allocator: allocator)
        }
    }
}
