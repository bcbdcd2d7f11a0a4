#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "CCurlShim.h"

struct palisade_curl {
    CURL *easy;
    struct curl_slist *headers;
    palisade_curl_write_fn write_fn;
    palisade_curl_header_fn header_fn;
    void *context;
    char error[CURL_ERROR_SIZE];
};

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_status = CURLE_FAILED_INIT;

static void global_init(void) { global_status = curl_global_init(CURL_GLOBAL_DEFAULT); }

static size_t on_write(char *data, size_t size, size_t count, void *user) {
    palisade_curl *handle = user;
    if (handle->write_fn == NULL) return size * count;
    return handle->write_fn(data, size * count, handle->context);
}

static size_t on_header(char *data, size_t size, size_t count, void *user) {
    palisade_curl *handle = user;
    if (handle->header_fn == NULL) return size * count;
    return handle->header_fn(data, size * count, handle->context);
}

palisade_curl *palisade_curl_create(void) {
    pthread_once(&global_once, global_init);
    if (global_status != CURLE_OK) return NULL;
    palisade_curl *handle = calloc(1, sizeof(*handle));
    if (handle == NULL) return NULL;
    handle->easy = curl_easy_init();
    if (handle->easy == NULL) {
        free(handle);
        return NULL;
    }
    curl_easy_setopt(handle->easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle->easy, CURLOPT_FAILONERROR, 0L);
    curl_easy_setopt(handle->easy, CURLOPT_ERRORBUFFER, handle->error);
    curl_easy_setopt(handle->easy, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(handle->easy, CURLOPT_WRITEDATA, handle);
    curl_easy_setopt(handle->easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(handle->easy, CURLOPT_HEADERDATA, handle);
    /* Archives are already compressed; no transparent decoding so byte counts match the server's. */
    return handle;
}

void palisade_curl_destroy(palisade_curl *handle) {
    if (handle == NULL) return;
    curl_easy_cleanup(handle->easy);
    curl_slist_free_all(handle->headers);
    free(handle);
}

int palisade_curl_set_url(palisade_curl *handle, const char *url) {
    return curl_easy_setopt(handle->easy, CURLOPT_URL, url);
}

int palisade_curl_set_user_agent(palisade_curl *handle, const char *agent) {
    return curl_easy_setopt(handle->easy, CURLOPT_USERAGENT, agent);
}

int palisade_curl_set_ca_file(palisade_curl *handle, const char *path) {
    return curl_easy_setopt(handle->easy, CURLOPT_CAINFO, path);
}

int palisade_curl_set_protocols(palisade_curl *handle, int allow_http) {
    const char *list = allow_http ? "https,http" : "https";
    CURLcode code = curl_easy_setopt(handle->easy, CURLOPT_PROTOCOLS_STR, list);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle->easy, CURLOPT_REDIR_PROTOCOLS_STR, list);
}

int palisade_curl_set_follow_location(palisade_curl *handle, long max_redirects) {
    CURLcode code = curl_easy_setopt(handle->easy, CURLOPT_FOLLOWLOCATION, max_redirects > 0 ? 1L : 0L);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle->easy, CURLOPT_MAXREDIRS, max_redirects);
}

int palisade_curl_set_timeouts(palisade_curl *handle, long connect_seconds, long low_speed_bytes,
                               long low_speed_seconds) {
    CURLcode code = curl_easy_setopt(handle->easy, CURLOPT_CONNECTTIMEOUT, connect_seconds);
    if (code != CURLE_OK) return code;
    code = curl_easy_setopt(handle->easy, CURLOPT_LOW_SPEED_LIMIT, low_speed_bytes);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle->easy, CURLOPT_LOW_SPEED_TIME, low_speed_seconds);
}

int palisade_curl_set_range(palisade_curl *handle, const char *range) {
    return curl_easy_setopt(handle->easy, CURLOPT_RANGE, range);
}

int palisade_curl_add_header(palisade_curl *handle, const char *line) {
    struct curl_slist *next = curl_slist_append(handle->headers, line);
    if (next == NULL) return CURLE_OUT_OF_MEMORY;
    handle->headers = next;
    return curl_easy_setopt(handle->easy, CURLOPT_HTTPHEADER, handle->headers);
}

int palisade_curl_set_callbacks(palisade_curl *handle, palisade_curl_write_fn write_fn,
                                palisade_curl_header_fn header_fn, void *context) {
    handle->write_fn = write_fn;
    handle->header_fn = header_fn;
    handle->context = context;
    return CURLE_OK;
}

int palisade_curl_perform(palisade_curl *handle, char *error, size_t error_capacity) {
    handle->error[0] = '\0';
    CURLcode code = curl_easy_perform(handle->easy);
    if (error != NULL && error_capacity > 0) {
        size_t length = strnlen(handle->error, sizeof(handle->error) - 1);
        if (length >= error_capacity) length = error_capacity - 1;
        memcpy(error, handle->error, length);
        error[length] = '\0';
    }
    return code;
}

long palisade_curl_response_code(palisade_curl *handle) {
    long code = 0;
    curl_easy_getinfo(handle->easy, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

const char *palisade_curl_strerror(int code) { return curl_easy_strerror((CURLcode)code); }

int palisade_curl_set_head(palisade_curl *handle) {
    return curl_easy_setopt(handle->easy, CURLOPT_NOBODY, 1L);
}

int palisade_curl_enable_certinfo(palisade_curl *handle) {
    return curl_easy_setopt(handle->easy, CURLOPT_CERTINFO, 1L);
}

size_t palisade_curl_certinfo(palisade_curl *handle, char *out, size_t capacity) {
    struct curl_certinfo *info = NULL;
    if (capacity == 0) return 0;
    out[0] = '\0';
    if (curl_easy_getinfo(handle->easy, CURLINFO_CERTINFO, &info) != CURLE_OK || info == NULL) return 0;
    size_t used = 0;
    for (int i = 0; i < info->num_of_certs; i++) {
        for (struct curl_slist *item = info->certinfo[i]; item != NULL; item = item->next) {
            /* Only the short fields: the PEM and public key dumps are long and unneeded. */
            if (strncmp(item->data, "Subject:", 8) != 0 && strncmp(item->data, "Issuer:", 7) != 0 &&
                strncmp(item->data, "Start date:", 11) != 0 && strncmp(item->data, "Expire date:", 12) != 0)
                continue;
            size_t length = strlen(item->data);
            if (used + length + 2 >= capacity) return used;
            memcpy(out + used, item->data, length);
            used += length;
            out[used++] = '\n';
            out[used] = '\0';
        }
        if (used + 4 >= capacity) return used;
        memcpy(out + used, "--\n", 3);
        used += 3;
        out[used] = '\0';
    }
    return used;
}

int palisade_curl_set_tls_legacy_only(palisade_curl *handle) {
    CURLcode code = curl_easy_setopt(handle->easy, CURLOPT_SSLVERSION,
                                     (long)(CURL_SSLVERSION_TLSv1_0 | CURL_SSLVERSION_MAX_TLSv1_1));
    if (code != CURLE_OK) return code;
    /* OpenSSL's default security level refuses TLS < 1.2 on the client side; lower it for the probe. */
    return curl_easy_setopt(handle->easy, CURLOPT_SSL_CIPHER_LIST, "DEFAULT:@SECLEVEL=0");
}

int palisade_curl_set_verify(palisade_curl *handle, int verify) {
    CURLcode code = curl_easy_setopt(handle->easy, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle->easy, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
}

int palisade_curl_set_post(palisade_curl *handle, const void *data, size_t length) {
    CURLcode code = curl_easy_setopt(handle->easy, CURLOPT_POST, 1L);
    if (code != CURLE_OK) return code;
    code = curl_easy_setopt(handle->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)length);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle->easy, CURLOPT_COPYPOSTFIELDS, length > 0 ? data : "");
}

int palisade_curl_set_client_certificate(palisade_curl *handle, const char *certificate_path,
                                         const char *key_path) {
    CURLcode code = curl_easy_setopt(handle->easy, CURLOPT_SSLCERT, certificate_path);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle->easy, CURLOPT_SSLKEY, key_path);
}

static long tls_version_flag(int version, int maximum) {
    switch (version) {
    case 10: return maximum ? CURL_SSLVERSION_MAX_TLSv1_0 : CURL_SSLVERSION_TLSv1_0;
    case 11: return maximum ? CURL_SSLVERSION_MAX_TLSv1_1 : CURL_SSLVERSION_TLSv1_1;
    case 12: return maximum ? CURL_SSLVERSION_MAX_TLSv1_2 : CURL_SSLVERSION_TLSv1_2;
    case 13: return maximum ? CURL_SSLVERSION_MAX_TLSv1_3 : CURL_SSLVERSION_TLSv1_3;
    default: return maximum ? CURL_SSLVERSION_MAX_DEFAULT : CURL_SSLVERSION_DEFAULT;
    }
}

int palisade_curl_set_tls_versions(palisade_curl *handle, int minimum, int maximum) {
    CURLcode code = curl_easy_setopt(handle->easy, CURLOPT_SSLVERSION,
                                     tls_version_flag(minimum, 0) | tls_version_flag(maximum, 1));
    if (code != CURLE_OK) return code;
    int legacy = (minimum == 10 || minimum == 11 || maximum == 10 || maximum == 11);
    if (!legacy) return CURLE_OK;
    return curl_easy_setopt(handle->easy, CURLOPT_SSL_CIPHER_LIST, "DEFAULT:@SECLEVEL=0");
}
