// AWS credentials as the signer needs them. The secret key and the session token are secrets: nothing in
// stance prints this struct except through to_string/operator<</fmt, which redact both.
#pragma once
#include <iosfwd>
#include <string>

#include <fmt/format.h>

namespace stance::aws {

struct Credentials {
  std::string access_key_id;      // not a secret (it appears in every Authorization header), printed
  std::string secret_access_key;  // secret, never printed
  std::string session_token;      // secret, never printed; empty for long-term keys
};

// "Credentials{access_key_id=AKID..., secret_access_key=<redacted>, session_token=<redacted>}" (or
// "<none>" when a field is empty, so a missing secret can be diagnosed without showing a present one).
std::string to_string(const Credentials& credentials);
std::ostream& operator<<(std::ostream& out, const Credentials& credentials);

}  // namespace stance::aws

template <>
struct fmt::formatter<stance::aws::Credentials> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const stance::aws::Credentials& credentials, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(stance::aws::to_string(credentials), ctx);
  }
};
