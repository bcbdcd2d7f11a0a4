import CCurlShim
import Foundation

/// One HTTP GET as the downloader builds it.
struct Request {
    var url: String
    var display: String
    var partPath: String
    /// Bytes already on disk to continue from (0 = whole body).
    var offset: Int64
    var ifRange: String?
    var conditional: ConditionalHeaders?
}

extension HTTPDownloader {
    /// Runs `request` on a fresh curl handle, streaming into `sink`; returns the CURLcode.
    func perform(_ request: Request, sink: TransferSink) throws(HTTPError) -> Int32 {
        guard let handle = palisade_curl_create() else {
            throw .transport(url: request.display, code: -1, detail: "libcurl initialisation failed")
        }
        defer { palisade_curl_destroy(handle) }
        var setup = setCommonCurlOptions(
            handle, url: request.url, userAgent: configuration.userAgent,
            allowInsecureHTTP: configuration.allowInsecureHTTP, maxRedirects: 5,
            connectTimeoutSeconds: configuration.connectTimeoutSeconds,
            lowSpeedBytesPerSecond: configuration.lowSpeedBytesPerSecond,
            lowSpeedSeconds: configuration.lowSpeedSeconds,
            caFile: configuration.caFile)
        func apply(_ code: Int32) { if setup == 0 { setup = code } }
        if request.offset > 0, let ifRange = request.ifRange {
            apply(palisade_curl_set_range(handle, "\(request.offset)-"))
            apply(palisade_curl_add_header(handle, "If-Range: \(Self.headerValue(ifRange))"))
        } else if let conditional = request.conditional {
            if let etag = conditional.etag {
                apply(palisade_curl_add_header(handle, "If-None-Match: \(Self.headerValue(etag))"))
            }
            if let lastModified = conditional.lastModified {
                apply(palisade_curl_add_header(handle, "If-Modified-Since: \(Self.headerValue(lastModified))"))
            }
        }
        guard setup == 0 else {
            throw .transport(
                url: request.display, code: Int(setup), detail: String(cString: palisade_curl_strerror(setup)))
        }
        sink.install(on: handle)
        var message = [CChar](repeating: 0, count: 256)
        let code = palisade_curl_perform(handle, &message, message.count)
        return withExtendedLifetime(sink) { code }
    }

    /// Strips CR/LF so a stored validator can never inject another header line.
    static func headerValue(_ value: String) -> String {
        String(value.filter { $0 != "\r" && $0 != "\n" }.prefix(1024))
    }
}
