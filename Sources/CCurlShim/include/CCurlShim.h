#ifndef PALISADE_CCURL_SHIM_H
#define PALISADE_CCURL_SHIM_H
/// Placeholder: the HTTP helper replaces this with non-variadic curl_easy_setopt wrappers.
int palisade_curl_version_number(void);
#endif
