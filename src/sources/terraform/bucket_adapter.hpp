// aws_s3_bucket (with its split resources and legacy inline blocks) and aws_kms_key instances -> model::Bucket
// and model::Key, the resources a trail's s3_bucket_name and kms_key_id name. Evaluated only when a selected
// rule judges buckets or keys (Options::related_resources): a scan with CT-010 alone does not even keep these
// resources while parsing. Defaults are the AWS provider's (v4 and later split the bucket's settings into
// aws_s3_bucket_public_access_block, _policy, _acl, _versioning, _logging and _object_lock_configuration,
// each joined to its bucket by reference or by the bucket's name) and S3's for a new bucket (Block Public
// Access all on, ACL private, versioning never enabled, no logging, no Object Lock).
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "model/bucket.hpp"
#include "model/key.hpp"
#include "model/trail.hpp"
#include "sources/terraform/eval/diagnostics.hpp"
#include "sources/terraform/eval/module_instance.hpp"

namespace stance::terraform {

inline constexpr std::array<std::string_view, 8> kRelatedResourceTypes{
    "aws_s3_bucket",          "aws_s3_bucket_public_access_block", "aws_s3_bucket_policy",
    "aws_s3_bucket_acl",      "aws_s3_bucket_versioning",          "aws_s3_bucket_logging",
    "aws_s3_bucket_object_lock_configuration", "aws_kms_key",
};

// The buckets and keys of one root module (and its child modules), split resources joined to their buckets.
void adapt_buckets_and_keys(ModuleInstance& root, Diagnostics& diag, std::vector<model::Bucket>& buckets,
                            std::vector<model::Key>& keys);

// After link_by_reference: a reference made inside a module names the module's resource (its address gets the
// module's prefix), and a literal bucket name equal to a declared bucket's `bucket` names that bucket.
void link_to_declared(model::Trail& trail, std::span<const model::Bucket> buckets, std::span<const model::Key> keys);

}  // namespace stance::terraform
