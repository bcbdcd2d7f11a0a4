#ifndef PALISADE_CCURL_SHIM_H
#define PALISADE_CCURL_SHIM_H

#include <stddef.h>
#include <stdint.h>

/// Non-variadic wrappers around libcurl's easy interface: Swift cannot call curl_easy_setopt's C varargs.
/// Every function takes an opaque handle made by palisade_curl_create and returns a CURLcode (0 = OK).

typedef struct palisade_curl palisade_curl;

/// Called for each body chunk; return the number of bytes consumed (anything else aborts the transfer).
typedef size_t (*palisade_curl_write_fn)(const char *data, size_t size, void *context);
/// Called for each response header line (including the status line); same return convention.
typedef size_t (*palisade_curl_header_fn)(const char *data, size_t size, void *context);

/// Initialises libcurl once per process (pthread_once) and returns a new handle, or NULL.
palisade_curl *palisade_curl_create(void);
void palisade_curl_destroy(palisade_curl *handle);

int palisade_curl_set_url(palisade_curl *handle, const char *url);
int palisade_curl_set_user_agent(palisade_curl *handle, const char *agent);
int palisade_curl_set_ca_file(palisade_curl *handle, const char *path);
/// Restricts the protocols (and redirect protocols) to HTTPS, or HTTPS and HTTP when allow_http != 0.
int palisade_curl_set_protocols(palisade_curl *handle, int allow_http);
int palisade_curl_set_follow_location(palisade_curl *handle, long max_redirects);
/// Connect timeout, and abort when fewer than low_speed_bytes/s arrive for low_speed_seconds.
int palisade_curl_set_timeouts(palisade_curl *handle, long connect_seconds, long low_speed_bytes,
                               long low_speed_seconds);
/// Sends "Range: bytes=<range>" without curl's own resume checks, so a 200 (If-Range mismatch) is not an error.
int palisade_curl_set_range(palisade_curl *handle, const char *range);
/// Collects the server's certificate chain (read with palisade_curl_certinfo after perform).
int palisade_curl_enable_certinfo(palisade_curl *handle);
/// Writes "Subject:/Issuer:/Start date:/Expire date:" lines per certificate, "--" after each; returns bytes written.
size_t palisade_curl_certinfo(palisade_curl *handle, char *out, size_t capacity);
/// Offers only TLS 1.0 and 1.1 (a probe for servers that still accept them).
int palisade_curl_set_tls_legacy_only(palisade_curl *handle);
/// Certificate and host name verification on (1) or off (0, probes only: never for transfers that matter).
int palisade_curl_set_verify(palisade_curl *handle, int verify);
/// Makes the request a HEAD (no body is transferred).
int palisade_curl_set_head(palisade_curl *handle);
/// Appends one "Name: value" request header; headers are freed with the handle.
int palisade_curl_add_header(palisade_curl *handle, const char *line);
/// Makes the request a POST of `length` bytes at `data` (copied: the caller may free it at once).
int palisade_curl_set_post(palisade_curl *handle, const void *data, size_t length);
/// Presents a PEM client certificate and its PEM private key (mutual TLS).
int palisade_curl_set_client_certificate(palisade_curl *handle, const char *certificate_path,
                                         const char *key_path);
/// Bounds the TLS versions offered: 10, 11, 12 or 13 (0 = libcurl's default). A minimum below 12
/// also lowers OpenSSL's security level, which otherwise refuses TLS < 1.2 on the client side.
int palisade_curl_set_tls_versions(palisade_curl *handle, int minimum, int maximum);
int palisade_curl_set_callbacks(palisade_curl *handle, palisade_curl_write_fn write_fn,
                                palisade_curl_header_fn header_fn, void *context);

/// Runs the transfer; on failure copies curl's detailed message into error (NUL-terminated).
int palisade_curl_perform(palisade_curl *handle, char *error, size_t error_capacity);
long palisade_curl_response_code(palisade_curl *handle);
/// libcurl's generic description of a CURLcode.
const char *palisade_curl_strerror(int code);

/// CURLcode values the Swift side classifies.
enum {
    PALISADE_CURLE_OK = 0,
    PALISADE_CURLE_UNSUPPORTED_PROTOCOL = 1,
    PALISADE_CURLE_URL_MALFORMAT = 3,
    PALISADE_CURLE_COULDNT_RESOLVE_PROXY = 5,
    PALISADE_CURLE_COULDNT_RESOLVE_HOST = 6,
    PALISADE_CURLE_COULDNT_CONNECT = 7,
    PALISADE_CURLE_PARTIAL_FILE = 18,
    PALISADE_CURLE_WRITE_ERROR = 23,
    PALISADE_CURLE_OPERATION_TIMEDOUT = 28,
    PALISADE_CURLE_SSL_CONNECT_ERROR = 35,
    PALISADE_CURLE_TOO_MANY_REDIRECTS = 47,
    PALISADE_CURLE_GOT_NOTHING = 52,
    PALISADE_CURLE_SEND_ERROR = 55,
    PALISADE_CURLE_RECV_ERROR = 56,
    PALISADE_CURLE_SSL_CERTPROBLEM = 58,
    PALISADE_CURLE_PEER_FAILED_VERIFICATION = 60,
    PALISADE_CURLE_SSL_CACERT_BADFILE = 77,
};

#endif
