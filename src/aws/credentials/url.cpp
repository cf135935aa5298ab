#include "aws/credentials/url.hpp"

#include <algorithm>
#include <cctype>

namespace stance::aws::credentials {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

}  // namespace

std::optional<SplitUrl> split_url(const std::string& url) {
  SplitUrl out;
  std::size_t colon = url.find("://");
  if (colon == std::string::npos) return std::nullopt;
  out.scheme = url.substr(0, colon);
  std::transform(out.scheme.begin(), out.scheme.end(), out.scheme.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (out.scheme != "http" && out.scheme != "https") return std::nullopt;
  std::size_t authority_start = colon + 3;
  std::size_t authority_end = url.find_first_of("/?#", authority_start);
  if (authority_end == std::string::npos) authority_end = url.size();
  std::string authority = url.substr(authority_start, authority_end - authority_start);
  if (authority.empty() || authority.find('@') != std::string::npos) return std::nullopt;  // no user:password@
  if (authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string::npos) return std::nullopt;
    out.host = authority.substr(1, close - 1);
  } else {
    out.host = authority.substr(0, authority.find(':'));
  }
  std::transform(out.host.begin(), out.host.end(), out.host.begin(), [](unsigned char c) { return std::tolower(c); });
  if (out.host.empty()) return std::nullopt;
  out.base = out.scheme + "://" + authority;
  std::size_t query_start = url.find('?', authority_end);
  std::size_t fragment = url.find('#', authority_end);
  std::size_t path_end = std::min(query_start, fragment);
  out.path = url.substr(authority_end, path_end == std::string::npos ? std::string::npos : path_end - authority_end);
  if (out.path.empty()) out.path = "/";
  if (query_start != std::string::npos && (fragment == std::string::npos || query_start < fragment)) {
    std::string query = url.substr(query_start + 1, fragment == std::string::npos ? std::string::npos
                                                                                   : fragment - query_start - 1);
    std::size_t start = 0;
    while (start <= query.size()) {
      std::size_t end = query.find('&', start);
      if (end == std::string::npos) end = query.size();
      std::string pair = query.substr(start, end - start);
      if (!pair.empty()) {
        std::size_t equals = pair.find('=');
        out.query.emplace_back(percent_decode(pair.substr(0, equals)),
                               equals == std::string::npos ? "" : percent_decode(pair.substr(equals + 1)));
      }
      start = end + 1;
    }
  }
  return out;
}

}  // namespace stance::aws::credentials
