// A bucket policy's JSON text (Terraform's `policy` attribute, live GetBucketPolicy, `aws s3api
// get-bucket-policy`) -> the statements CT-003 judges. One parser for every source that has the policy as
// text; CloudFormation's policy is YAML/JSON already resolved and is read by its adapter. No I/O here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/bucket.hpp"
#include "model/value.hpp"

namespace stance::model {

// Every statement of the document, each located at `where` (the text has no positions that mean anything to
// a reader). Not a JSON object -> Invalid, with `name` ("policy", "GetBucketPolicy's answer") in the reason.
Value<std::vector<PolicyStatement>> parse_policy_json(std::string_view text, const Location& where,
                                                      std::string_view name);

}  // namespace stance::model
