#include "aws/endpoints.hpp"

#include <cctype>
#include <cstdlib>
#include <utility>

namespace stance::aws {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string strip_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// "https://host:8443/prefix" -> "host:8443" (the Host header keeps a non-default port).
std::string host_of(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find('/', start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  const bool https = url.rfind("https://", 0) == 0;
  const std::string default_port = https ? ":443" : ":80";
  if (host.size() > default_port.size() && host.compare(host.size() - default_port.size(), default_port.size(),
                                                        default_port) == 0) {
    host.resize(host.size() - default_port.size());
  }
  return host;
}

// AWS's service identifiers for the AWS_ENDPOINT_URL_<SERVICE> variables.
const char* const kServices[] = {"cloudtrail", "sts", "ec2", "organizations"};

// The storage services of the trail's bucket and key, with their variable names (s3control's service id is
// "S3 Control": AWS_ENDPOINT_URL_S3_CONTROL).
const std::pair<const char*, const char*> kStorageServices[] = {
    {"s3", "AWS_ENDPOINT_URL_S3"}, {"s3control", "AWS_ENDPOINT_URL_S3_CONTROL"}, {"kms", "AWS_ENDPOINT_URL_KMS"}};

}  // namespace

bool is_region_name(std::string_view region) {
  if (region.empty() || region.size() > 32) return false;
  for (char c : region) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

Endpoints Endpoints::from_environment(std::string override_url) {
  Endpoints e;
  e.override_url = strip_trailing_slash(std::move(override_url));
  e.global_url = strip_trailing_slash(env("AWS_ENDPOINT_URL"));
  for (const char* service : kServices) {
    std::string var = "AWS_ENDPOINT_URL_";
    for (const char* c = service; *c; ++c) var += static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
    if (std::string url = env(var.c_str()); !url.empty()) e.service_urls[service] = strip_trailing_slash(url);
  }
  for (const auto& [service, var] : kStorageServices) {
    if (std::string url = env(var); !url.empty()) e.service_urls[service] = strip_trailing_slash(url);
  }
  return e;
}

ResolvedEndpoint Endpoints::resolve(const std::string& service, const std::string& region) const {
  ResolvedEndpoint r;
  r.signing_name = service;
  r.signing_region = region;
  const bool china = region.rfind("cn-", 0) == 0;
  if (service == "organizations") {
    // Organizations has one endpoint per partition and is signed for its home region.
    r.signing_region = china ? "cn-northwest-1" : region.rfind("us-gov-", 0) == 0 ? "us-gov-west-1" : "us-east-1";
  }
  if (service == "s3control") r.signing_name = "s3";
  r.custom = true;
  if (!override_url.empty()) {
    r.base_url = override_url;
  } else if (auto it = service_urls.find(service); it != service_urls.end()) {
    r.base_url = it->second;
  } else if (!global_url.empty()) {
    r.base_url = global_url;
  } else {
    const std::string suffix = china ? "amazonaws.com.cn" : "amazonaws.com";
    const std::string host_service = service == "s3control" ? "s3-control" : service;
    r.base_url = "https://" + host_service + "." + r.signing_region + "." + suffix;
    r.custom = false;
  }
  r.host = host_of(r.base_url);
  return r;
}

}  // namespace stance::aws
