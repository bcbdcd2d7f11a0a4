import CCurlShim
import Foundation

/// Downloads one URL to a file over libcurl, the way `palisade db update` needs: conditional (ETag /
/// Last-Modified → 304 costs no body), resumable (an interrupted body stays in `<destination>.part` and the next
/// attempt asks for the rest with `Range` + `If-Range`), and verified (the server's declared MD5 must match the
/// whole file before it is atomically renamed onto the destination).
///
/// A value type: each call builds its own curl handle, so downloaders can be used from any thread.
public struct HTTPDownloader: Sendable {
    public struct Configuration: Sendable {
        /// PEM bundle to trust instead of the system store (tests use a self-signed certificate).
        public var caFile: String?
        public var connectTimeoutSeconds = 15
        /// Abort when fewer than `lowSpeedBytesPerSecond` arrive for `lowSpeedSeconds` (a stalled connection).
        public var lowSpeedBytesPerSecond = 1024
        public var lowSpeedSeconds = 60
        /// Largest body accepted; the OSV all.zip archives are well under 1 GiB.
        public var maxBytes: Int64 = 4 << 30
        /// Attempts per call when a transfer is interrupted; each continues where the previous stopped.
        public var maxAttempts = 3
        /// Plain http is refused unless set (never for real advisory sources).
        public var allowInsecureHTTP = false
        public var userAgent = "palisade/0.1"

        public init(caFile: String? = nil, maxAttempts: Int = 3, allowInsecureHTTP: Bool = false) {
            self.caFile = caFile
            self.maxAttempts = maxAttempts
            self.allowInsecureHTTP = allowInsecureHTTP
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Fetches `url` into `destination`.
    ///
    /// - `conditional`: validators of the copy the caller already has; a 304 returns `.notModified` and leaves
    ///   `destination` untouched. Ignored while resuming a partial body (that request is a range request).
    /// - On success the file at `destination` is complete and verified; on failure `destination` is untouched and
    ///   `<destination>.part` holds whatever can be resumed (nothing after a checksum mismatch).
    public func download(url: String, to destination: String, conditional: ConditionalHeaders? = nil)
        throws(HTTPError) -> DownloadOutcome
    {
        let display = DisplayURL.redact(url)
        let lowered = url.lowercased()
        if lowered.hasPrefix("http://") {
            guard configuration.allowInsecureHTTP else { throw .insecureURL(url: display) }
        } else if !lowered.hasPrefix("https://") {
            throw .invalidURL(url: display)
        }
        guard !url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { throw .invalidURL(url: display) }
        var attempt = 1
        while true {
            do throws(HTTPError) {
                return try attemptDownload(
                    url: url, display: display, destination: destination, conditional: conditional)
            } catch {
                guard error.isResumable, attempt < max(1, configuration.maxAttempts) else { throw error }
                attempt += 1
            }
        }
    }

    private func attemptDownload(url: String, display: String, destination: String, conditional: ConditionalHeaders?)
        throws(HTTPError) -> DownloadOutcome
    {
        let partPath = destination + ".part"
        var partial = PartialDownload.load(partPath: partPath)
        var offset: Int64 = 0
        var ifRange: String?
        if let state = partial, state.url == url, let size = Self.fileSize(partPath), size > 0,
            let validator = Self.rangeValidator(state)
        {
            offset = size
            ifRange = validator
        } else {
            PartialDownload.discard(partPath: partPath)
            partial = nil
        }

        let request = Request(
            url: url, display: display, partPath: partPath, offset: offset, ifRange: ifRange,
            conditional: offset > 0 ? nil : conditional)
        let sink = TransferSink(
            url: display, partPath: partPath, resumeOffset: offset, maxBytes: configuration.maxBytes
        ) {
            head in
            // A fresh 200 starts a new partial file: remember what is needed to resume and verify it.
            if head.status == 200 || partial == nil {
                partial = PartialDownload(
                    url: url, etag: head["etag"], lastModified: head["last-modified"],
                    md5Base64: head.declaredMD5Base64, totalBytes: head.contentLength)
            } else if partial?.md5Base64 == nil {
                partial?.md5Base64 = head.declaredMD5Base64
            }
            partial?.save(partPath: partPath)
        }
        let code = try perform(request, sink: sink)
        let status = sink.head.status
        if code == 0, status == 200 || status == 206, !sink.ensureBodyOpened(), let failure = sink.failure {
            throw failure
        }
        sink.finish()

        if let failure = sink.failure {
            if case .fileSystem = failure {} else { PartialDownload.discard(partPath: partPath) }
            throw failure
        }
        if code != 0 {
            throw classify(code: code, sink: sink, display: display, partPath: partPath)
        }
        switch status {
        case 304 where offset == 0:
            return .notModified
        case 416 where offset > 0:
            // The partial file no longer fits the object (or is already complete): start over once.
            PartialDownload.discard(partPath: partPath)
            throw .transferInterrupted(url: display, bytesOnDisk: 0, detail: "range not satisfiable; restarting")
        case 200, 206:
            return .downloaded(
                try complete(
                    partPath: partPath, destination: destination, display: display, state: partial,
                    head: sink.head, status: status, resumedFrom: status == 206 ? offset : 0))
        default:
            throw .httpStatus(url: display, status: status)
        }
    }

    private func complete(
        partPath: String, destination: String, display: String, state: PartialDownload?, head: ResponseHead,
        status: Int, resumedFrom: Int64
    ) throws(HTTPError) -> DownloadedFile {
        let digest = try FileDigest.compute(path: partPath)
        let expectedTotal = status == 206 ? head.contentRange?.total : head.contentLength
        if let expectedTotal, expectedTotal != digest.bytes {
            throw .transferInterrupted(
                url: display, bytesOnDisk: digest.bytes, detail: "expected \(expectedTotal) bytes")
        }
        let declaredMD5 = state?.md5Base64 ?? head.declaredMD5Base64
        if let declaredMD5, declaredMD5 != digest.md5Base64 {
            PartialDownload.discard(partPath: partPath)
            throw .checksumMismatch(url: display, algorithm: "md5", expected: declaredMD5, actual: digest.md5Base64)
        }
        guard rename(partPath, destination) == 0 else {
            let detail = String(cString: strerror(errno))
            throw .fileSystem(path: destination, detail: "cannot move download into place: \(detail)")
        }
        unlink(PartialDownload.metadataPath(forPart: partPath))
        return DownloadedFile(
            path: destination, etag: head["etag"] ?? state?.etag,
            lastModified: head["last-modified"] ?? state?.lastModified, sha256: digest.sha256,
            md5Verified: declaredMD5 != nil, bytes: digest.bytes, status: status, resumedFrom: resumedFrom)
    }

    private func classify(code: Int32, sink: TransferSink, display: String, partPath: String) -> HTTPError {
        HTTPError.curl(
            code: code, url: display, detail: String(cString: palisade_curl_strerror(code)),
            bodyStarted: sink.bodyStarted, bytesOnDisk: Self.fileSize(partPath) ?? 0)
    }

    /// `If-Range` accepts a strong ETag or an HTTP date; a weak ETag cannot guard a range.
    private static func rangeValidator(_ state: PartialDownload) -> String? {
        if let etag = state.etag, !etag.hasPrefix("W/") { return etag }
        return state.lastModified
    }

    static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_size)
    }
}
