// The normalised KMS key a trail encrypts with. Every source's adapter builds these for the keys its unit
// declares or reads; CT-015 (issue 14) judges their rotation. No I/O here.
#pragma once

#include <string>

#include "model/resource.hpp"
#include "model/value.hpp"

namespace stance::model {

struct Key : ResourceHeader {
  Key() { resource_type = "AWS::KMS::Key"; }
  Value<bool> rotation_enabled;  // CloudFormation EnableKeyRotation, Terraform enable_key_rotation (false)
  std::string region;            // live: where the key is
  // As for Bucket: the key could not be read (error), or is elsewhere (unknown).
  std::string unreadable;
  bool unreadable_is_unknown = false;
};

}  // namespace stance::model
