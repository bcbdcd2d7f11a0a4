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

    /// Buffers small writes; large ones (a batch's findings) go straight to the file.
    func write(_ bytes: [UInt8]) {
        if bytes.count >= 1 << 16 {
            flush()
            writeAll(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    private func flush() {
        writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: [UInt8]) {
        guard failure == nil, !bytes.isEmpty else { return }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            written += n
        }
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
