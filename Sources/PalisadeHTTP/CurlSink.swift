import CCurlShim

/// Receives one transfer's header lines and body chunks from libcurl; a false return aborts the
/// transfer. One pair of C callbacks serves every kind of request through this base class.
class CurlSink {
    func header(_ line: UnsafeRawBufferPointer) -> Bool { true }

    func body(_ data: UnsafeRawBufferPointer) -> Bool { true }

    /// Points `handle`'s callbacks at `self`; the caller keeps `self` alive until perform returns.
    func install(on handle: OpaquePointer) {
        palisade_curl_set_callbacks(
            handle, curlBodyCallback, curlHeaderCallback, Unmanaged.passUnretained(self).toOpaque())
    }
}

private let curlBodyCallback: palisade_curl_write_fn = { data, size, context in
    guard let data, let context else { return 0 }
    let sink = Unmanaged<CurlSink>.fromOpaque(context).takeUnretainedValue()
    return sink.body(UnsafeRawBufferPointer(start: data, count: size)) ? size : 0
}

private let curlHeaderCallback: palisade_curl_header_fn = { data, size, context in
    guard let data, let context else { return 0 }
    let sink = Unmanaged<CurlSink>.fromOpaque(context).takeUnretainedValue()
    return sink.header(UnsafeRawBufferPointer(start: data, count: size)) ? size : 0
}
