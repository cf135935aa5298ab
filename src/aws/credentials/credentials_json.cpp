#include "aws/credentials/credentials_json.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include <simdjson.h>

namespace stance::aws::credentials {

namespace {

// Reads `count` digits at text[pos]; false if any is not a digit.
bool digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

CredentialsResult failure(std::string message) {
  CredentialsResult result;
  result.error = std::move(message);
  return result;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(text, 0, 4, year) || text.size() < 19 || text[4] != '-' || !digits(text, 5, 2, month) ||
      text[7] != '-' || !digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
      !digits(text, 11, 2, hour) || text[13] != ':' || !digits(text, 14, 2, minute) || text[16] != ':' ||
      !digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {  // fractional seconds: dropped (expiry needs no sub-second)
    ++pos;
    std::size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos == start) return std::nullopt;
  }
  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int offset_hours = 0, offset_mins = 0;
    bool colon = pos + 3 < text.size() && text[pos + 3] == ':';
    if (!digits(text, pos + 1, 2, offset_hours) || !digits(text, pos + (colon ? 4 : 3), 2, offset_mins)) {
      return std::nullopt;
    }
    offset_minutes = (offset_hours * 60 + offset_mins) * (text[pos] == '-' ? -1 : 1);
    pos += colon ? 6 : 5;
  } else {
    return std::nullopt;  // a time without a zone is ambiguous
  }
  if (pos != text.size()) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  // system_clock counts nanoseconds in 64 bits: only about 1678..2262 is representable. Times outside
  // are clamped to its ends (an expiry in year 1013 has passed, one in 9999 is "not soon"), never overflow.
  std::time_t seconds = ::timegm(&tm) - std::time_t{offset_minutes} * 60;
  constexpr std::time_t kEarliest = -9'000'000'000;  // about 1684
  constexpr std::time_t kLatest = 9'000'000'000;     // about 2255
  seconds = std::clamp(seconds, kEarliest, kLatest);
  return std::chrono::system_clock::from_time_t(seconds);
}

CredentialsResult parse_credentials_json(std::string_view text, const JsonCredentialFields& fields) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element document;
  if (parser.parse(padded).get(document) != simdjson::SUCCESS) return failure("not valid JSON");
  simdjson::dom::object object;
  if (document.get(object) != simdjson::SUCCESS) return failure("not a JSON object");

  auto string_field = [&](const std::string& name, std::string& out) -> simdjson::error_code {
    std::string_view value;
    auto error = object[name].get(value);
    if (error == simdjson::SUCCESS) out = std::string(value);
    return error;
  };
  auto missing_or_wrong = [](const std::string& name, simdjson::error_code error) {
    return error == simdjson::NO_SUCH_FIELD ? "no " + name : name + " is not a string";
  };

  if (fields.require_version_1) {
    int64_t version = 0;
    auto error = object["Version"].get(version);
    if (error == simdjson::NO_SUCH_FIELD) return failure("no Version (expected \"Version\": 1)");
    if (error != simdjson::SUCCESS || version != 1) return failure("unsupported Version (expected 1)");
  }
  if (fields.require_code_success) {
    std::string code;
    if (string_field("Code", code) == simdjson::SUCCESS && code != "Success") {
      return failure("Code is not Success");
    }
  }
  Credentials credentials;
  if (auto error = string_field("AccessKeyId", credentials.access_key_id)) {
    return failure(missing_or_wrong("AccessKeyId", error));
  }
  if (auto error = string_field("SecretAccessKey", credentials.secret_access_key)) {
    return failure(missing_or_wrong("SecretAccessKey", error));
  }
  if (credentials.access_key_id.empty()) return failure("AccessKeyId is empty");
  if (credentials.secret_access_key.empty()) return failure("SecretAccessKey is empty");
  if (auto error = string_field(fields.token_field, credentials.session_token)) {
    if (error != simdjson::NO_SUCH_FIELD || fields.require_token) {
      return failure(missing_or_wrong(fields.token_field, error));
    }
  }
  CredentialsResult result;
  std::string expiration;
  if (auto error = string_field("Expiration", expiration)) {
    if (error != simdjson::NO_SUCH_FIELD || fields.require_expiration) {
      return failure(missing_or_wrong("Expiration", error));
    }
  } else {
    result.expires = parse_iso8601(expiration);
    if (!result.expires) return failure("Expiration is not an ISO 8601 time (like 2026-11-27T10:00:00Z)");
  }
  result.credentials = std::move(credentials);
  return result;
}

}  // namespace stance::aws::credentials
