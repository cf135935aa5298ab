#include "model/link.hpp"

#include <string>

namespace stance::model {

namespace {

const char* unit_of(SourceKind source) {
  switch (source) {
    case SourceKind::CloudFormation: return "this template";
    case SourceKind::Terraform: return "this Terraform configuration";
    case SourceKind::Aws:
    case SourceKind::Snapshot: return "the accounts scanned";
  }
  return "this unit";
}

// The declared resource `value` names: by reference, else by `same_name` on a literal; nullptr when none.
template <class Resource, class SameName>
const Resource* declared(const Value<std::string>& value, std::span<const Resource> resources, SameName same_name) {
  for (const Resource& r : resources) {
    if (!value.refers_to.empty() && r.id == value.refers_to) return &r;
    if (value.known() && same_name(r, *value)) return &r;
  }
  return nullptr;
}

template <class Resource, class SameName>
Reference resolve(const Trail& trail, const Value<std::string>& value, std::span<const Resource> resources,
                  const char* what, SameName same_name) {
  Reference ref;
  ref.where = value.where;
  if (value.is_defaulted() || (value.known() && value->empty())) return ref;
  if (const Resource* r = declared(value, resources, same_name)) {
    ref.kind = Reference::Kind::Declared;
    ref.target = r->id;
    return ref;
  }
  if (value.known()) {
    ref.kind = Reference::Kind::External;
    ref.target = *value;
    ref.why = std::string(what) + " " + *value + " is not declared in " + unit_of(trail.source) +
              ": scan it where it is declared, or scan the account that owns it";
    return ref;
  }
  ref.kind = Reference::Kind::Unresolvable;
  ref.target = value.refers_to;
  ref.why = value.note.empty() ? std::string(what) + " is known only at deployment" : value.note;
  return ref;
}

}  // namespace

const char* to_string(Reference::Kind kind) {
  switch (kind) {
    case Reference::Kind::Absent: return "absent";
    case Reference::Kind::Declared: return "declared";
    case Reference::Kind::External: return "external";
    case Reference::Kind::Unresolvable: return "unresolvable";
  }
  return "absent";
}

void link_references(std::span<Trail> trails, std::span<const Bucket> buckets, std::span<const Key> keys) {
  for (Trail& trail : trails) {
    trail.log_bucket = resolve(trail, trail.s3_bucket_name, buckets, "the bucket",
                               [](const Bucket& b, const std::string& name) { return b.name.known() && *b.name == name; });
    // A key is named by its ID, its ARN or an alias; a declared key's ID is known only after deployment, so a
    // literal matches a key read from an account (live: the key's ARN is its id).
    trail.log_key = resolve(trail, trail.kms_key_id, keys, "the KMS key",
                            [](const Key& k, const std::string& id) { return k.id == id; });
  }
}

}  // namespace stance::model
