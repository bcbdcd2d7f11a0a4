#include <curl/curl.h>
#include "CCurlShim.h"

int palisade_curl_version_number(void) { return (int)curl_version_info(CURLVERSION_NOW)->version_num; }
