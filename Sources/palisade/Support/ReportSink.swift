import Foundation

/// Where report bytes go: stdout, or a temporary file next to `--output` that is renamed over
/// it only when complete, so a crash or a full disk never leaves a half-written report for CI.
/// (No fsync: the rename already hides partial files from readers; surviving a power cut is
/// not worth 0.3 s per 100 MB report.)
final class ReportSink {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): cannot write output: \(reason)" }
    }

    private let fd: Int32
    private let path: String?
    private let tempPath: String?
    private var failure: String?
    private var buffer: [UInt8] = []

    /// Opens the destination now, so an unwritable `--output` fails before any scanning.
    init(output: String?) throws(WriteError) {
        guard let output else {
            fd = 1
            path = nil
            tempPath = nil
            return
        }
        let directory = (output as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        var template = Array((dir + "/.palisade-output-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw WriteError(path: output, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.path = output
        self.tempPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether the temporary file was closed (committed or failed).
    private var closed = false

    deinit {
        if let tempPath, !closed {
            close(fd)
            unlink(tempPath)
        }
    }

    /// Buffers small writes; flushes in 1 MiB blocks.
    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, !buffer.isEmpty else { return }
        var written = 0
        while written < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, buffer.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            written += n
        }
    }

    /// Copies everything written to `spool` so far.
    func write(contentsOf spool: Spool) {
        flush()
        spool.copy { write($0) }
    }

    /// Finishes the report: for a file, sets normal permissions, syncs and renames it into place.
    func commit() throws(WriteError) {
        flush()
        guard let path, let tempPath else {
            if let failure { throw WriteError(path: "stdout", reason: failure) }
            return
        }
        // mkstemp creates 0600; give the report the permissions a normal new file would get.
        let mask = umask(0)
        umask(mask)
        if failure == nil, fchmod(fd, 0o666 & ~mask) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        closed = true
        if failure == nil, rename(tempPath, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(tempPath)
            throw WriteError(path: path, reason: failure)
        }
    }
}

/// An unlinked temporary file where streamed findings wait until the report's header, which
/// needs the totals, can be written.
final class Spool {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var failure: String?

    init() throws(ReportSink.WriteError) {
        let dir = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((dir + "/palisade-spool-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ReportSink.WriteError(path: dir, reason: String(cString: strerror(errno))) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fd = fd
    }

    deinit { close(fd) }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        var written = 0
        while written < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, buffer.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            written += n
        }
    }

    /// Reads the spool from the start, in blocks.
    func copy(_ body: ([UInt8]) -> Void) {
        flush()
        guard lseek(fd, 0, SEEK_SET) == 0 else {
            failure = String(cString: strerror(errno))
            return
        }
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = block.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            if n == 0 { return }
            body(Array(block[0..<n]))
        }
    }
}
