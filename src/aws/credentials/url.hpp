// Splitting a full URL ("http://127.0.0.1:8080/creds?id=1") into what HttpClient::send takes: a base URL,
// a path, and decoded query parameters (the client encodes them again).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "aws/http_request.hpp"

namespace stance::aws::credentials {

struct SplitUrl {
  std::string scheme;  // "http" | "https" (lower case)
  std::string host;    // without port or brackets: "127.0.0.1", "fd00:ec2::23", "localhost"
  std::string base;    // "http://127.0.0.1:8080"
  std::string path;    // "/creds" ("/" when absent), as on the wire
  std::vector<QueryParam> query;
  // "http://127.0.0.1:8080/creds": the URL without its query, which is safe to show
  std::string shown() const { return base + path; }
};

// nullopt unless the URL is http:// or https:// with a host.
std::optional<SplitUrl> split_url(const std::string& url);

}  // namespace stance::aws::credentials
