// The HTTP request the AWS client builds and the SigV4 signer signs. Transport-neutral: the client turns it
// into a libcurl request. Kept deliberately small: what a signature covers and nothing else.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stance::aws {

struct HttpHeader {
  std::string name;   // as sent; header names compare case-insensitively
  std::string value;  // as sent; the signer trims and collapses whitespace for the canonical form only
};

// One query parameter, NOT percent-encoded: the signer and the client encode it (RFC 3986) when they write
// the query string, so both see the same bytes.
using QueryParam = std::pair<std::string, std::string>;

struct HttpRequest {
  std::string method = "GET";
  // The path exactly as it goes on the wire, i.e. already percent-encoded where the URL needs it ("/", or
  // "/a%20b"). For every service but S3 the signer encodes it once more (AWS's "double encoding").
  std::string path = "/";
  std::vector<QueryParam> query;
  std::vector<HttpHeader> headers;  // in sending order; a name may repeat
  std::string body;

  // First header with this name (case-insensitive), or nullptr.
  const HttpHeader* find_header(std::string_view name) const;
  // Replaces every header with this name by one header at the position of the first (or at the end).
  void set_header(std::string_view name, std::string value);
  void remove_header(std::string_view name);
};

bool header_name_equals(std::string_view a, std::string_view b);

}  // namespace stance::aws
