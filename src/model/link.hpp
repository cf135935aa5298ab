// The link pass: a unit's trails get their log bucket and KMS key references resolved against the buckets
// and keys the same unit declares (a template, a Terraform root module) or read (the accounts of a live scan).
// Runs once per unit, after its adapter and before its rules. No I/O here.
#pragma once

#include <span>
#include <vector>

#include "model/bucket.hpp"
#include "model/key.hpp"
#include "model/trail.hpp"

namespace stance::model {

// Sets each trail's log_bucket and log_key:
// - the value refers to a declared resource (a CloudFormation Ref / GetAtt, a Terraform reference; Value::refers_to)
//   that is a bucket (key) of the unit -> Declared;
// - a literal bucket name equal to a bucket's known name, or a literal key ID / ARN equal to a key's id -> Declared;
// - another literal -> External ("not declared in this template" / "not read in the accounts scanned");
// - known only at deployment -> Unresolvable with the value's note; absent -> Absent.
void link_references(std::span<Trail> trails, std::span<const Bucket> buckets, std::span<const Key> keys);

}  // namespace stance::model
