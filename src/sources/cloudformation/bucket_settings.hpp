// The settings of an AWS::S3::Bucket that the bucket rules judge (CT-003, CT-004, CT-008, CT-013), and the
// AWS::S3::BucketPolicy resources that attach a policy to a declared bucket. Read only when a selected rule
// judges buckets (Options::related_resources): a scan with CT-010 alone reads no more than bucket names.
// Properties the rules do not know are not errors: only a trail's properties are checked by name.
#pragma once

#include <vector>

#include "model/bucket.hpp"
#include "sources/cloudformation/diagnostics.hpp"
#include "sources/cloudformation/intrinsics.hpp"
#include "sources/cloudformation/property_readers.hpp"
#include "sources/cloudformation/template.hpp"

namespace stance::sources::cloudformation {

// Public access block, ACL, versioning, logging and Object Lock of one bucket from its evaluated Properties.
void read_bucket_settings(const Resolved& props, PropertyReader& reader, model::Bucket& bucket);

// Each AWS::S3::BucketPolicy's statements onto the bucket its `Bucket` names (a Ref to a declared bucket, or
// a name equal to one's BucketName). A policy whose bucket is known only at deployment may be any bucket's:
// every bucket's policy becomes unresolvable with the reason.
void attach_bucket_policies(const Template& tmpl, Evaluator& evaluator, Diagnostics& diag,
                            std::vector<model::Bucket>& buckets);

}  // namespace stance::sources::cloudformation
