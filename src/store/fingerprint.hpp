// A finding's stable fingerprint: the same rule on the same resource gets the same fingerprint in every
// scan, wherever the resource sits in its file. It is what history follows from scan to scan.
//
// The fingerprint is the first 128 bits (32 hex digits) of SHA-256 over, each length-prefixed:
//   "stance-fingerprint-1", the rule ID, the resource type, the identity kind, the container, the resource ID
// where (kind, container, resource ID) is the resource's identity:
//   aws        container ""                          id: the ARN (trails, buckets, keys) or the account ID
//   terraform  container: the root module directory  id: the resource address (module.audit.aws_cloudtrail.x[0])
//   file       container: the file                   id: the CloudFormation logical ID (or plan address)
// Paths are relative to the scanned path that holds them, so a checkout in another directory keeps its
// fingerprints. Line and column are never part of it: moving a resource within its file, or reformatting
// the file, keeps the fingerprint; renaming the file, the logical ID or the address makes a new one.
#pragma once

#include <string>
#include <string_view>

namespace stance::store {

struct ResourceIdentity {
  std::string kind;       // "aws" | "terraform" | "file"
  std::string container;  // "" | root module directory | file
  std::string id;
};

std::string fingerprint(std::string_view rule_id, std::string_view resource_type, const ResourceIdentity& identity);

}  // namespace stance::store
