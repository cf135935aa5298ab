// What every resource of the inventory carries whatever its type (trail, S3 bucket, KMS key), and how one
// resource refers to another. No I/O here.
#pragma once

#include <string>

#include "model/location.hpp"

namespace stance::model {

enum class SourceKind { CloudFormation, Terraform, Aws, Snapshot };

struct ResourceHeader {
  SourceKind source = SourceKind::CloudFormation;
  std::string resource_type;  // "AWS::CloudTrail::Trail", "AWS::S3::Bucket", "AWS::KMS::Key"
  std::string id;             // CloudFormation logical ID | Terraform address | ARN
  Location where;             // the resource (file:line of its declaration, or its ARN)
  // Terraform: the directory of the root module the address is relative to. Several roots (envs/prod,
  // envs/staging) may call one child module: their resources share an address and a file:line, not a root.
  std::string root_module;
  std::string account_id;     // live: the account that owns the resource
};

// A trail's reference to another resource (its log bucket, its KMS key) as the link pass (model/link.hpp)
// resolved it within the trail's unit: a template, a Terraform root module, or the accounts scanned.
struct Reference {
  enum class Kind {
    Absent,        // the trail names none (no KMS key)
    Declared,      // a resource of the same unit: `target` is its id
    External,      // named, but not declared or read here: `target` is the name or ARN as written
    Unresolvable,  // named by something known only at deployment (a parameter without value, an import)
  };
  Kind kind = Kind::Absent;
  std::string target;
  std::string why;  // External: where the resource would have to be scanned; Unresolvable: why
  Location where;   // the trail's attribute that names it
};

const char* to_string(Reference::Kind kind);  // "absent" | "declared" | "external" | "unresolvable"

}  // namespace stance::model
