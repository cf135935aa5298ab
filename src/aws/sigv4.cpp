#include "aws/sigv4.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <ctime>
#include <utility>

namespace stance::aws {

namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Trims and collapses every run of whitespace (including the line breaks of obsolete folded headers) to
// one space, as the canonical header form requires.
std::string canonical_header_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// Headers that hops may add, change or drop on the way, so signing them would break the signature for no
// gain. Authorization is the signature itself (re-signing a request replaces it).
bool is_unsigned_header(std::string_view lower_name) {
  static constexpr std::string_view kSkip[] = {"authorization", "user-agent",        "expect",
                                               "connection",    "transfer-encoding", "x-amzn-trace-id"};
  return std::find(std::begin(kSkip), std::end(kSkip), lower_name) != std::end(kSkip);
}

struct CanonicalHeaders {
  std::string block;   // "name:value\n" lines
  std::string signed_names;  // "a;b;c"
};

CanonicalHeaders canonical_headers(const std::vector<HttpHeader>& headers) {
  std::vector<std::pair<std::string, std::string>> entries;
  entries.reserve(headers.size());
  for (const auto& h : headers) {
    std::string name = lowercase(canonical_header_value(h.name));
    if (is_unsigned_header(name)) continue;
    entries.emplace_back(std::move(name), canonical_header_value(h.value));
  }
  // Stable: repeated headers keep their sending order in the comma-separated value.
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  CanonicalHeaders out;
  std::size_t i = 0;
  while (i < entries.size()) {
    const std::string& name = entries[i].first;
    out.block += name;
    out.block += ':';
    for (std::size_t first = i; i < entries.size() && entries[i].first == name; ++i) {
      if (i != first) out.block += ',';
      out.block += entries[i].second;
    }
    out.block += '\n';
    if (!out.signed_names.empty()) out.signed_names += ';';
    out.signed_names += name;
  }
  return out;
}

// RFC 3986 section 5.2.4 dot-segment removal plus collapsing of empty segments ("//"), as aws-c-auth and
// botocore do for every service but S3.
std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t pos = 0;
  std::string_view last;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view segment = path.substr(pos, slash - pos);
    last = segment;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    pos = slash + 1;
  }
  std::string out;
  for (auto segment : segments) {
    out += '/';
    out += segment;
  }
  // A path that ended in a directory ("/a/", "/a/.", "/a/b/..") still names a directory.
  bool trailing_slash = last.empty() || last == "." || last == "..";
  if (out.empty() || trailing_slash) out += '/';
  return out;
}

std::string credential_scope(std::string_view date, const SigningParams& params) {
  std::string scope(date);
  scope += '/';
  scope += params.region;
  scope += '/';
  scope += params.service;
  scope += "/aws4_request";
  return scope;
}

std::string build_canonical_request(const HttpRequest& request, const SigningParams& params,
                                    const CanonicalHeaders& headers, std::string_view payload_hash) {
  std::string out = request.method;
  out += '\n';
  out += canonical_uri(request.path, params);
  out += '\n';
  out += canonical_query_string(request.query);
  out += '\n';
  out += headers.block;
  out += '\n';
  out += headers.signed_names;
  out += '\n';
  out += payload_hash;
  return out;
}

// Fills string_to_sign and signature from canonical_request.
void sign_canonical_request(SigningDetails& details, const Credentials& credentials, const SigningParams& params,
                            std::string_view date_time, std::string_view scope) {
  details.string_to_sign = std::string(kAlgorithm) + '\n' + std::string(date_time) + '\n' + std::string(scope) +
                           '\n' + sha256_hex(details.canonical_request);
  auto key = derive_signing_key(credentials.secret_access_key, date_time.substr(0, 8), params.region,
                                params.service);
  auto mac = hmac_sha256(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()),
                         details.string_to_sign);
  OPENSSL_cleanse(key.data(), key.size());
  details.signature = hex(mac.data(), mac.size());
}

}  // namespace

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0x0f]);
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  return hex(digest, size);
}

std::array<unsigned char, 32> hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, 32> out{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out.data(), &size);
  return out;
}

std::array<unsigned char, 32> derive_signing_key(std::string_view secret_access_key, std::string_view date,
                                                 std::string_view region, std::string_view service) {
  std::string seed = "AWS4";
  seed += secret_access_key;
  auto as_view = [](const std::array<unsigned char, 32>& bytes) {
    return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  };
  auto k_date = hmac_sha256(seed, date);
  OPENSSL_cleanse(seed.data(), seed.size());
  auto k_region = hmac_sha256(as_view(k_date), region);
  auto k_service = hmac_sha256(as_view(k_region), service);
  auto k_signing = hmac_sha256(as_view(k_service), "aws4_request");
  OPENSSL_cleanse(k_date.data(), k_date.size());
  OPENSSL_cleanse(k_region.data(), k_region.size());
  OPENSSL_cleanse(k_service.data(), k_service.size());
  return k_signing;
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c) || (keep_slash && c == '/')) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kDigits[c >> 4]);
      out.push_back(kDigits[c & 0x0f]);
    }
  }
  return out;
}

std::string amz_date(std::chrono::system_clock::time_point time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::size_t n = std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return std::string(buffer, n);
}

std::string canonical_uri(std::string_view path, const SigningParams& params) {
  std::string normalized = params.normalize_path ? normalize_path(path) : std::string(path);
  if (normalized.empty()) normalized = "/";
  return params.double_encode_path ? uri_encode(normalized, true) : normalized;
}

std::string canonical_query_string(const std::vector<QueryParam>& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) encoded.emplace_back(uri_encode(name, false), uri_encode(value, false));
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

SigningDetails sign_request_headers(HttpRequest& request, const Credentials& credentials,
                                    const SigningParams& params) {
  const std::string date_time = amz_date(params.time);
  const std::string scope = credential_scope(std::string_view(date_time).substr(0, 8), params);
  const bool has_token = !credentials.session_token.empty();

  request.remove_header("Authorization");
  request.set_header("X-Amz-Date", date_time);
  if (has_token && !params.omit_session_token) request.set_header("X-Amz-Security-Token", credentials.session_token);
  const std::string payload_hash = sha256_hex(request.body);
  if (params.sign_payload_header) request.set_header("x-amz-content-sha256", payload_hash);

  SigningDetails details;
  CanonicalHeaders headers = canonical_headers(request.headers);
  details.signed_headers = headers.signed_names;
  details.canonical_request = build_canonical_request(request, params, headers, payload_hash);
  sign_canonical_request(details, credentials, params, date_time, scope);
  details.authorization = std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + '/' + scope +
                          ", SignedHeaders=" + details.signed_headers + ", Signature=" + details.signature;
  request.set_header("Authorization", details.authorization);
  if (has_token && params.omit_session_token) request.set_header("X-Amz-Security-Token", credentials.session_token);
  return details;
}

SigningDetails sign_request_query(HttpRequest& request, const Credentials& credentials,
                                  const SigningParams& params, std::chrono::seconds expires) {
  const std::string date_time = amz_date(params.time);
  const std::string scope = credential_scope(std::string_view(date_time).substr(0, 8), params);
  const bool has_token = !credentials.session_token.empty();

  request.remove_header("Authorization");
  SigningDetails details;
  CanonicalHeaders headers = canonical_headers(request.headers);
  details.signed_headers = headers.signed_names;
  request.query.emplace_back("X-Amz-Algorithm", std::string(kAlgorithm));
  request.query.emplace_back("X-Amz-Credential", credentials.access_key_id + '/' + scope);
  request.query.emplace_back("X-Amz-Date", date_time);
  request.query.emplace_back("X-Amz-SignedHeaders", details.signed_headers);
  request.query.emplace_back("X-Amz-Expires", std::to_string(expires.count()));
  if (has_token && !params.omit_session_token) request.query.emplace_back("X-Amz-Security-Token", credentials.session_token);

  details.canonical_request = build_canonical_request(request, params, headers, sha256_hex(request.body));
  sign_canonical_request(details, credentials, params, date_time, scope);
  request.query.emplace_back("X-Amz-Signature", details.signature);
  if (has_token && params.omit_session_token) request.query.emplace_back("X-Amz-Security-Token", credentials.session_token);
  return details;
}

}  // namespace stance::aws
