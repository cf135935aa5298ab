#include "store/fingerprint.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace stance::store {

namespace {

// Length-prefixed, so that no choice of field contents can make two identities hash the same input
// ("a|b" + "c" versus "a" + "b|c").
void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

}  // namespace

std::string fingerprint(std::string_view rule_id, std::string_view resource_type, const ResourceIdentity& identity) {
  std::string input;
  for (std::string_view field :
       {std::string_view("stance-fingerprint-1"), rule_id, resource_type, std::string_view(identity.kind),
        std::string_view(identity.container), std::string_view(identity.id)}) {
    append_field(input, field);
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(input.data(), input.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 || size < 16) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 16; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

}  // namespace stance::store
