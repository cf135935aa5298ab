// The normalised S3 bucket a trail delivers to. Every source's adapter builds these for the buckets its unit
// declares or reads; the bucket rules (issue 14: CT-003, CT-004, CT-008, CT-013) judge them. No I/O here.
#pragma once

#include <string>

#include "model/resource.hpp"
#include "model/value.hpp"

namespace stance::model {

struct Bucket : ResourceHeader {
  Bucket() { resource_type = "AWS::S3::Bucket"; }
  // The bucket's name: CloudFormation BucketName, Terraform `bucket`; unresolvable when the source leaves it
  // to deployment (CloudFormation and Terraform generate one when it is absent).
  Value<std::string> name;
  std::string region;  // live: where the bucket is
};

}  // namespace stance::model
