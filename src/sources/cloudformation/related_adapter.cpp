#include "sources/cloudformation/related_adapter.hpp"

#include <string_view>

#include "sources/cloudformation/bucket_settings.hpp"
#include "sources/cloudformation/property_readers.hpp"
#include "sources/cloudformation/trail_adapter.hpp"

namespace stance::sources::cloudformation {

namespace {

template <class Resource>
Resource header(const std::string& id, doc::Mark mark, Diagnostics& diag) {
  Resource r;
  r.source = model::SourceKind::CloudFormation;
  r.id = id;
  r.where = diag.at(mark);
  return r;
}

}  // namespace

void adapt_buckets_and_keys(const Template& tmpl, Evaluator& evaluator, Diagnostics& diag,
                            std::vector<model::Bucket>& buckets, std::vector<model::Key>& keys, bool settings) {
  if (!tmpl.resources) return;
  for (const auto& pair : tmpl.resources->pairs) {
    const doc::Node& resource = *pair.value;
    if (!resource.is_mapping()) continue;
    const doc::Node* type = resource.get("Type");
    if (!type || !type->is_scalar()) continue;
    const bool bucket = type->text == "AWS::S3::Bucket";
    if (!bucket && type->text != "AWS::KMS::Key") continue;
    const std::string& id = pair.key->text;
    if (!resource_exists(tmpl, evaluator, diag, id, resource)) continue;
    const Resolved props = resource_properties(resource, id, evaluator, diag);
    if (bucket) {
      auto b = header<model::Bucket>(id, pair.key->mark, diag);
      PropertyReader reader(diag, b.where);
      b.name = reader.string(props, "BucketName");
      if (b.name.is_defaulted()) {
        // CloudFormation names the bucket at creation (stack name, logical ID, a random suffix).
        b.name = model::Value<std::string>::unresolvable("BucketName is not set: CloudFormation generates the name",
                                                         b.where);
      }
      if (settings) read_bucket_settings(props, reader, b);
      buckets.push_back(std::move(b));
    } else {
      auto k = header<model::Key>(id, pair.key->mark, diag);
      PropertyReader reader(diag, k.where);
      k.rotation_enabled = reader.boolean(props, "EnableKeyRotation", false);
      keys.push_back(std::move(k));
    }
  }
  if (settings) attach_bucket_policies(tmpl, evaluator, diag, buckets);
}

}  // namespace stance::sources::cloudformation
