import Foundation

/// Receives libcurl's header and body callbacks for one request and streams the body into the `.part` file.
///
/// Only 200/206 bodies reach the disk; error bodies are counted and dropped (capped, so a hostile server cannot
/// stream forever). A 206 is accepted only if its `Content-Range` starts exactly where the partial file ends.
final class TransferSink: CurlSink {
    let url: String
    let partPath: String
    let resumeOffset: Int64
    let maxBytes: Int64
    private(set) var head = ResponseHead()
    /// Status of the response whose body went to disk (0 if no body was written).
    private(set) var bodyStatus = 0
    private(set) var failure: HTTPError?
    private var descriptor: Int32 = -1
    private var discarded: Int64 = 0
    private var written: Int64 = 0
    private var onBodyStart: (ResponseHead) -> Void

    private static let maxDiscardedBytes: Int64 = 1 << 20

    init(
        url: String, partPath: String, resumeOffset: Int64, maxBytes: Int64,
        onBodyStart: @escaping (ResponseHead) -> Void
    ) {
        self.url = url
        self.partPath = partPath
        self.resumeOffset = resumeOffset
        self.maxBytes = maxBytes
        self.onBodyStart = onBodyStart
    }

    deinit { finish() }

    var bodyStarted: Bool { bodyStatus != 0 }

    func finish() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
    }

    override func header(_ line: UnsafeRawBufferPointer) -> Bool {
        guard head.consume(line: line) else {
            failure = .transport(url: url, code: -1, detail: "response headers exceed limits")
            return false
        }
        return true
    }

    /// Opens the part file for a 200/206 with no body (empty object) so completion logic sees a file.
    func ensureBodyOpened() -> Bool {
        descriptor >= 0 || openBody()
    }

    override func body(_ data: UnsafeRawBufferPointer) -> Bool {
        let status = head.status
        guard status == 200 || status == 206 else {
            discarded += Int64(data.count)
            return discarded <= Self.maxDiscardedBytes
        }
        guard descriptor >= 0 || openBody() else { return false }
        written += Int64(data.count)
        if written + (bodyStatus == 206 ? resumeOffset : 0) > maxBytes {
            failure = .tooLarge(url: url, limit: maxBytes)
            return false
        }
        var offset = 0
        while offset < data.count {
            let count = write(descriptor, data.baseAddress! + offset, data.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                failure = .fileSystem(path: partPath, detail: "write failed: \(String(cString: strerror(errno)))")
                return false
            }
            offset += count
        }
        return true
    }

    private func openBody() -> Bool {
        let status = head.status
        var flags = O_WRONLY | O_CREAT | O_CLOEXEC
        if status == 206 {
            guard resumeOffset > 0, let range = head.contentRange, range.start == resumeOffset else {
                failure = .transport(url: url, code: -1, detail: "206 response does not continue the partial file")
                return false
            }
            flags |= O_APPEND
        } else if status == 200 {
            flags |= O_TRUNC
        } else {
            return false
        }
        let declared = status == 206 ? head.contentRange?.total : head.contentLength
        if let declared, declared > maxBytes {
            failure = .tooLarge(url: url, limit: maxBytes)
            return false
        }
        descriptor = open(partPath, flags, 0o644)
        guard descriptor >= 0 else {
            failure = .fileSystem(path: partPath, detail: "cannot open: \(String(cString: strerror(errno)))")
            return false
        }
        bodyStatus = status
        onBodyStart(head)
        return true
    }
}
