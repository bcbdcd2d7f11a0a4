import Foundation

/// Images held by a local Docker or Podman daemon (`docker:NAME`). The daemon's API exports the
/// image as `docker save` output (`GET /images/NAME/get`); that stream is spooled to an unlinked
/// temporary file (the archive format needs random access: `manifest.json` comes last) and then
/// read like any docker archive. No Docker client or CLI is needed, only the API socket.
enum DaemonImageSource {
    /// `--docker-socket`, else `DOCKER_HOST=unix://…`, else Docker's and then Podman's default sockets.
    static func socketPath(_ explicit: String?) -> String {
        if let explicit, !explicit.isEmpty {
            return explicit.hasPrefix("unix://") ? String(explicit.dropFirst(7)) : explicit
        }
        let env = ProcessInfo.processInfo.environment
        if let host = env["DOCKER_HOST"], host.hasPrefix("unix://") { return String(host.dropFirst(7)) }
        var candidates = ["/var/run/docker.sock", "/run/podman/podman.sock"]
        if let runtime = env["XDG_RUNTIME_DIR"] { candidates.insert(runtime + "/podman/podman.sock", at: 1) }
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }

    static func fetch(name: String, socket: String?, reference: String) throws(ImageError) -> any ImageSource {
        let path = socketPath(socket)
        let connection = try UnixHTTPConnection(socketPath: path)
        let escaped = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? name
        let tmpDir = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        let tmpPath = tmpDir + "/palisade-daemon-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tar"
        let fd = open(tmpPath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ImageError(
                .unreadable, "\(tmpPath): cannot create a temporary file: \(String(cString: strerror(errno)))")
        }
        defer {
            close(fd)
            unlink(tmpPath)
        }
        let status = try connection.get("/images/\(escaped)/get") { chunk throws(ImageError) in
            var rest = chunk
            while !rest.isEmpty {
                let n = write(fd, rest.baseAddress, rest.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ImageError(.unreadable, "\(tmpPath): \(String(cString: strerror(errno)))")
                }
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            }
        }
        if status.code == 404 {
            throw ImageError(.notFound, "\(reference): no such image in the daemon at unix://\(path)")
        }
        guard status.code == 200 else {
            throw ImageError(
                .daemon, "\(reference): the daemon at unix://\(path) answered \(status.code): \(status.message)")
        }
        // The source keeps its own descriptor open; the name can go now.
        return try DockerArchiveSource(path: tmpPath, tag: nil, reference: reference, isDirectory: false)
    }
}

/// A minimal HTTP/1.1 client over a Unix socket: one GET, body streamed to a callback,
/// `Content-Length`, chunked and read-to-close bodies. Enough for the Docker Engine API.
struct UnixHTTPConnection {
    struct Status {
        var code: Int
        var message: String
    }

    let socketPath: String
    private let fd: Int32

    init(socketPath: String) throws(ImageError) {
        self.socketPath = socketPath
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ImageError(.daemon, "cannot create a socket: \(String(cString: strerror(errno)))") }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(socketPath.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: addr.sun_path) else {
            close(fd)
            throw ImageError(.daemon, "socket path too long: \(socketPath)")
        }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in pathBytes.enumerated() { raw[i] = b }
        }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard rc == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ImageError(
                .daemon,
                "cannot connect to the container daemon at unix://\(socketPath): \(reason) (is Docker or Podman running? set --docker-socket)"
            )
        }
        self.fd = fd
    }

    func get(_ path: String, body: (UnsafeRawBufferPointer) throws(ImageError) -> Void) throws(ImageError) -> Status {
        defer { close(fd) }
        let request = Array(
            "GET \(path) HTTP/1.1\r\nHost: docker\r\nUser-Agent: palisade\r\nConnection: close\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes {
                send(fd, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { throw ImageError(.daemon, "unix://\(socketPath): connection closed while sending") }
            sent += n
        }
        var reader = SocketReader(fd: fd)
        let statusLine = try reader.line()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let code = Int(parts[1]) else {
            throw ImageError(.daemon, "unix://\(socketPath): not an HTTP response")
        }
        var contentLength: Int64?
        var chunked = false
        while true {
            let line = try reader.line()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if key == "content-length" { contentLength = Int64(value) }
            if key == "transfer-encoding" && value.lowercased().contains("chunked") { chunked = true }
        }
        if code != 200 {
            var text: [UInt8] = []
            let collect: (UnsafeRawBufferPointer) throws(ImageError) -> Void = { text += $0.prefix(4096 - text.count) }
            try readBody(&reader, chunked: chunked, length: contentLength, collect)
            var message = String(decoding: text, as: UTF8.self)
            if let obj = try? JSONSerialization.jsonObject(with: Data(text)) as? [String: Any],
                let m = obj["message"] as? String
            {
                message = m
            }
            return Status(code: code, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        try readBody(&reader, chunked: chunked, length: contentLength, body)
        return Status(code: code, message: "OK")
    }

    private func readBody(
        _ reader: inout SocketReader, chunked: Bool, length: Int64?,
        _ body: (UnsafeRawBufferPointer) throws(ImageError) -> Void
    ) throws(ImageError) {
        if chunked {
            while true {
                let sizeLine = try reader.line()
                let hex = sizeLine.split(separator: ";").first.map(String.init) ?? ""
                guard let size = Int(hex.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
                    throw ImageError(.daemon, "unix://\(socketPath): malformed chunked response")
                }
                if size == 0 {
                    _ = try? reader.line()
                    return
                }
                try reader.copy(Int64(size), body)
                _ = try reader.line()
            }
        } else if let length {
            try reader.copy(length, body)
        } else {
            try reader.copyToEnd(body)
        }
    }
}

/// Buffered reads from a socket: lines for headers, counted copies for bodies.
private struct SocketReader {
    let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private var start = 0
    private var end = 0

    init(fd: Int32) { self.fd = fd }

    private mutating func fill() throws(ImageError) -> Bool {
        if start == end {
            start = 0
            end = 0
        }
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + end, $0.count - end, 0) }
        if n < 0 { throw ImageError(.daemon, "daemon socket: \(String(cString: strerror(errno)))") }
        end += n
        return n > 0
    }

    mutating func line() throws(ImageError) -> String {
        var bytes: [UInt8] = []
        while true {
            if start == end, try !fill() { throw ImageError(.daemon, "daemon socket: connection closed early") }
            let b = buffer[start]
            start += 1
            if b == 10 {
                if bytes.last == 13 { bytes.removeLast() }
                return String(decoding: bytes, as: UTF8.self)
            }
            bytes.append(b)
            if bytes.count > 16384 { throw ImageError(.daemon, "daemon socket: header line too long") }
        }
    }

    mutating func copy(_ count: Int64, _ body: (UnsafeRawBufferPointer) throws(ImageError) -> Void) throws(ImageError) {
        var left = count
        while left > 0 {
            if start == end, try !fill() { throw ImageError(.daemon, "daemon socket: response ended early") }
            let n = Int(min(Int64(end - start), left))
            let s = start
            try deliver(s..<(s + n), to: body)
            start += n
            left -= Int64(n)
        }
    }

    /// Hands `buffer[range]` to `body`; `withUnsafeBytes` does not carry typed throws through.
    private func deliver(_ range: Range<Int>, to body: (UnsafeRawBufferPointer) throws(ImageError) -> Void)
        throws(ImageError)
    {
        let outcome = buffer.withUnsafeBytes { all -> Result<Void, ImageError> in
            do throws(ImageError) {
                try body(UnsafeRawBufferPointer(rebasing: all[range]))
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
    }

    mutating func copyToEnd(_ body: (UnsafeRawBufferPointer) throws(ImageError) -> Void) throws(ImageError) {
        while true {
            if start == end, try !fill() { return }
            let s = start
            let e = end
            try deliver(s..<e, to: body)
            start = end
        }
    }
}
