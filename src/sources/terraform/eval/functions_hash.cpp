// Hash functions on strings (md5, sha1, sha256, sha512 and their base64 forms), with OpenSSL's libcrypto.
// The file* variants (filemd5, ...) read files and are in functions_apply_time.cpp's list of unknowns.
#include <openssl/evp.h>

#include "sources/terraform/eval/functions_support.hpp"

namespace stance::terraform::functions {

namespace {

std::string digest(const EVP_MD* md, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out, &length, md, nullptr) != 1) return {};
  return std::string(reinterpret_cast<const char*>(out), length);
}

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

FunctionResult md5(Args& a) { return ok(Value::of_string(hex(digest(EVP_md5(), string_arg(a[0], "str"))))); }
FunctionResult sha1(Args& a) {
  return ok(Value::of_string(hex(digest(EVP_sha1(), string_arg(a[0], "str")))));
}
FunctionResult sha256(Args& a) {
  return ok(Value::of_string(hex(digest(EVP_sha256(), string_arg(a[0], "str")))));
}
FunctionResult sha512(Args& a) {
  return ok(Value::of_string(hex(digest(EVP_sha512(), string_arg(a[0], "str")))));
}
FunctionResult base64sha256(Args& a) {
  return ok(Value::of_string(base64_encode(digest(EVP_sha256(), string_arg(a[0], "str")))));
}
FunctionResult base64sha512(Args& a) {
  return ok(Value::of_string(base64_encode(digest(EVP_sha512(), string_arg(a[0], "str")))));
}

}  // namespace

void add_hash_functions(Table& t) {
  t["md5"] = {{"str"}, nullptr, md5};
  t["sha1"] = {{"str"}, nullptr, sha1};
  t["sha256"] = {{"str"}, nullptr, sha256};
  t["sha512"] = {{"str"}, nullptr, sha512};
  t["base64sha256"] = {{"str"}, nullptr, base64sha256};
  t["base64sha512"] = {{"str"}, nullptr, base64sha512};
}

}  // namespace stance::terraform::functions
