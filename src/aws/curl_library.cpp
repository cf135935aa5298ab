#include "aws/curl_library.hpp"

#include <dlfcn.h>

#include <mutex>

namespace stance::aws {

namespace {

struct Loaded {
  CurlLibrary library{};
  bool ok = false;
  std::string error;
};

template <typename Function>
bool resolve(void* handle, const char* name, Function& out, std::string& error) {
  void* symbol = ::dlsym(handle, name);
  if (symbol == nullptr) {
    error = std::string("libcurl.so.4 has no ") + name;
    return false;
  }
  out = reinterpret_cast<Function>(symbol);
  return true;
}

Loaded load() {
  Loaded out;
  // Never unloaded: easy handles live in thread_local storage until their threads end.
  void* handle = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    out.error = why ? why : "libcurl.so.4 cannot be loaded";
    return out;
  }
  CurlLibrary& l = out.library;
  out.ok = resolve(handle, "curl_global_init", l.global_init, out.error) &&
           resolve(handle, "curl_easy_init", l.easy_init, out.error) &&
           resolve(handle, "curl_easy_cleanup", l.easy_cleanup, out.error) &&
           resolve(handle, "curl_easy_reset", l.easy_reset, out.error) &&
           resolve(handle, "curl_easy_setopt", l.easy_setopt, out.error) &&
           resolve(handle, "curl_easy_perform", l.easy_perform, out.error) &&
           resolve(handle, "curl_easy_getinfo", l.easy_getinfo, out.error) &&
           resolve(handle, "curl_easy_strerror", l.easy_strerror, out.error) &&
           resolve(handle, "curl_slist_append", l.slist_append, out.error) &&
           resolve(handle, "curl_slist_free_all", l.slist_free_all, out.error);
  if (out.ok && l.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    out.ok = false;
    out.error = "curl_global_init failed";
  }
  return out;
}

}  // namespace

const CurlLibrary* curl_library(std::string* error) {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = load(); });
  if (!loaded.ok && error != nullptr) *error = loaded.error;
  return loaded.ok ? &loaded.library : nullptr;
}

}  // namespace stance::aws
