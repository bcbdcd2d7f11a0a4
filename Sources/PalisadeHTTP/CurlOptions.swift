import CCurlShim

/// The options every transfer sets on a fresh handle (downloads and single requests alike), so
/// the URL policy, user agent, timeouts and trust store are applied the same way everywhere.
/// Returns the first failing CURLcode, 0 when all were set.
func setCommonCurlOptions(
    _ handle: OpaquePointer, url: String, userAgent: String, allowInsecureHTTP: Bool, maxRedirects: Int,
    connectTimeoutSeconds: Int, lowSpeedBytesPerSecond: Int, lowSpeedSeconds: Int, caFile: String?
) -> Int32 {
    var setup: Int32 = 0
    func apply(_ code: Int32) { if setup == 0 { setup = code } }
    apply(palisade_curl_set_url(handle, url))
    apply(palisade_curl_set_user_agent(handle, userAgent))
    apply(palisade_curl_set_protocols(handle, allowInsecureHTTP ? 1 : 0))
    apply(palisade_curl_set_follow_location(handle, maxRedirects))
    apply(palisade_curl_set_timeouts(handle, connectTimeoutSeconds, lowSpeedBytesPerSecond, lowSpeedSeconds))
    if let caFile { apply(palisade_curl_set_ca_file(handle, caFile)) }
    return setup
}
