#include "model/bucket.hpp"

#include <algorithm>
#include <cctype>

namespace stance::model {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string acl_group(std::string_view uri_or_name) {
  const std::size_t slash = uri_or_name.rfind('/');
  const std::string_view last = slash == std::string_view::npos ? uri_or_name : uri_or_name.substr(slash + 1);
  if (last == "AllUsers" || last == "AuthenticatedUsers" || last == "LogDelivery") return std::string(last);
  return {};
}

std::optional<std::vector<AclGrant>> canned_acl_grants(std::string_view canned, const Location& where,
                                                       std::string written) {
  // CloudFormation spells them in PascalCase, Terraform and the API in kebab-case: compare without the dashes.
  std::string key = lower(canned);
  std::erase(key, '-');
  auto grant = [&](const char* grantee, const char* permission) {
    return AclGrant{where, grantee, permission, written};
  };
  if (key == "private" || key == "bucketownerread" || key == "bucketownerfullcontrol" ||
      key == "awsexecread") {
    return std::vector<AclGrant>{};
  }
  if (key == "logdeliverywrite") return std::vector<AclGrant>{grant("LogDelivery", "WRITE")};
  if (key == "publicread") return std::vector<AclGrant>{grant("AllUsers", "READ")};
  if (key == "publicreadwrite") {
    return std::vector<AclGrant>{grant("AllUsers", "READ"), grant("AllUsers", "WRITE")};
  }
  if (key == "authenticatedread") return std::vector<AclGrant>{grant("AuthenticatedUsers", "READ")};
  return std::nullopt;
}

}  // namespace stance::model
