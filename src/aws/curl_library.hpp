#pragma once
// libcurl, loaded when the first HTTP client is made rather than when stance starts. Linked normally,
// libcurl and the ~30 libraries it needs (TLS, Kerberos, LDAP, SSH, IDN, ...) were loaded and relocated
// at every start: about 12 M of the 20 M instructions of `stance scan` of an empty directory, and the
// largest share of a scan of a small repository, where the live AWS path is never used.
#define CURL_DISABLE_TYPECHECK  // the calls go through the pointers below, not curl's checking macros
#include <curl/curl.h>

#include <string>

namespace stance::aws {

// The few libcurl functions the HTTP client calls, resolved from libcurl.so.4 (the ABI of curl 7.16 on).
struct CurlLibrary {
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL* handle);
  void (*easy_reset)(CURL* handle);
  CURLcode (*easy_setopt)(CURL* handle, CURLoption option, ...);
  CURLcode (*easy_perform)(CURL* handle);
  CURLcode (*easy_getinfo)(CURL* handle, CURLINFO info, ...);
  const char* (*easy_strerror)(CURLcode code);
  curl_slist* (*slist_append)(curl_slist* list, const char* text);
  void (*slist_free_all)(curl_slist* list);
};

// Loads libcurl once per process and calls curl_global_init; later calls return the same result. Null
// when libcurl cannot be loaded; `error` (optional) then says why, e.g. "libcurl.so.4: cannot open shared
// object file: No such file or directory".
const CurlLibrary* curl_library(std::string* error = nullptr);

}  // namespace stance::aws
