// AWS::S3::Bucket and AWS::KMS::Key resources -> model::Bucket / model::Key: the resources a trail's
// S3BucketName and KMSKeyId may name in the same template (model/link.hpp resolves them). Read only from
// templates that declare a trail: nothing judges a bucket on its own. With `settings` (a selected rule judges
// buckets or keys) also what the bucket rules judge, and the AWS::S3::BucketPolicy resources.
#pragma once

#include <vector>

#include "model/bucket.hpp"
#include "model/key.hpp"
#include "sources/cloudformation/diagnostics.hpp"
#include "sources/cloudformation/intrinsics.hpp"
#include "sources/cloudformation/template.hpp"

namespace stance::sources::cloudformation {

void adapt_buckets_and_keys(const Template& tmpl, Evaluator& evaluator, Diagnostics& diag,
                            std::vector<model::Bucket>& buckets, std::vector<model::Key>& keys, bool settings);

}  // namespace stance::sources::cloudformation
