// Everything one evaluation unit declares or holds: a template, a Terraform root module, or the accounts of a
// live scan or snapshot. Rules judge a subject (a trail, an account) and may look at the rest of its unit
// through this: CT-001 asks which of an account's trails qualify. No I/O here.
#pragma once

#include <span>
#include <string_view>

#include "model/account.hpp"
#include "model/bucket.hpp"
#include "model/key.hpp"
#include "model/trail.hpp"

namespace stance::model {

struct Inventory {
  std::span<const Trail> trails;
  std::span<const Account> accounts;
  std::span<const Bucket> buckets;  // the trails' log buckets the unit declares or read (Trail::log_bucket)
  std::span<const Key> keys;        // the trails' KMS keys likewise (Trail::log_key)

  // The trail with this ARN, or nullptr (live and snapshot trails have ARNs; IaC trails do not).
  const Trail* trail_by_arn(std::string_view arn) const {
    for (const auto& t : trails) {
      if (t.arn == arn) return &t;
    }
    return nullptr;
  }
};

}  // namespace stance::model
