#include "sources/cloudformation/bucket_settings.hpp"

#include <string>

#include "sources/cloudformation/trail_adapter.hpp"

namespace stance::sources::cloudformation {

namespace {

template <class T>
using MValue = model::Value<T>;

// The nested mapping `key` of `owner`: nullptr when absent; `unknown` set when it is known only at deployment.
const Resolved* nested(const Resolved& owner, std::string_view key, const ResolvedEntry** entry_out = nullptr) {
  const ResolvedEntry* e = PropertyReader::entry(owner, key);
  if (entry_out) *entry_out = e;
  return e ? &e->value : nullptr;
}

model::PublicAccessBlock public_access_block(const Resolved& props, PropertyReader& reader) {
  model::PublicAccessBlock pab;
  const Resolved* config = props.is_unknown() ? &props : nested(props, "PublicAccessBlockConfiguration");
  if (!config) {
    // S3's default for a new bucket: all four settings on.
    for (MValue<bool>* v : {&pab.block_public_acls, &pab.ignore_public_acls, &pab.block_public_policy,
                            &pab.restrict_public_buckets}) {
      *v = MValue<bool>::defaulted(true, reader.resource());
    }
    return pab;
  }
  // A configuration that leaves a setting out turns it off.
  pab.block_public_acls = reader.boolean(*config, "BlockPublicAcls", false);
  pab.ignore_public_acls = reader.boolean(*config, "IgnorePublicAcls", false);
  pab.block_public_policy = reader.boolean(*config, "BlockPublicPolicy", false);
  pab.restrict_public_buckets = reader.boolean(*config, "RestrictPublicBuckets", false);
  return pab;
}

MValue<std::vector<model::AclGrant>> acl_grants(const Resolved& props, PropertyReader& reader) {
  using Grants = MValue<std::vector<model::AclGrant>>;
  const MValue<std::string> acl =
      reader.one_of(props, "AccessControl",
                    {"Private", "PublicRead", "PublicReadWrite", "AuthenticatedRead", "LogDeliveryWrite",
                     "BucketOwnerRead", "BucketOwnerFullControl", "AwsExecRead"},
                    "Private");
  if (acl.is_invalid()) return Grants::invalid(acl.note, acl.where);
  if (!acl.known()) return Grants::unresolvable(acl.note, acl.where);
  if (acl.is_defaulted()) return Grants::defaulted({}, acl.where);
  auto grants = model::canned_acl_grants(*acl, acl.where, "AccessControl: " + *acl);
  return Grants::set(grants ? std::move(*grants) : std::vector<model::AclGrant>{}, acl.where, acl.note);
}

void versioning(const Resolved& props, PropertyReader& reader, model::Bucket& bucket) {
  const Resolved* config = props.is_unknown() ? &props : nested(props, "VersioningConfiguration");
  if (!config) {
    bucket.versioning_status = MValue<std::string>::defaulted("Disabled", reader.resource());
  } else {
    bucket.versioning_status = reader.one_of(*config, "Status", {"Enabled", "Suspended"}, "Disabled");
  }
  bucket.mfa_delete = MValue<bool>::defaulted(false, reader.resource());
  bucket.mfa_delete_not_settable =
      "CloudFormation has no property for MFA delete; the bucket owner's root user must enable it with its MFA "
      "device (aws s3api put-bucket-versioning ... --mfa)";
}

void logging(const Resolved& props, PropertyReader& reader, model::Bucket& bucket) {
  if (props.is_unknown()) {
    bucket.logging = reader.unknown_owner<bool>(props);
    return;
  }
  const ResolvedEntry* e = nullptr;
  const Resolved* config = nested(props, "LoggingConfiguration", &e);
  if (!config) {
    bucket.logging = MValue<bool>::defaulted(false, reader.resource());
    return;
  }
  if (config->is_unknown()) {
    bucket.logging = MValue<bool>::unresolvable(config->text, reader.at(e->key_mark));
    return;
  }
  if (!config->is(Resolved::Kind::Map)) {
    bucket.logging = reader.invalid<bool>("LoggingConfiguration", "expected a mapping, got " + describe(*config),
                                          e->key_mark);
    return;
  }
  bucket.logging = MValue<bool>::set(true, reader.at(e->key_mark), config->origin);
  // Without a destination, S3 writes the access logs into the bucket itself.
  const MValue<std::string> target = reader.string(*config, "DestinationBucketName");
  bucket.logging_target = target.known() ? *target : target.is_defaulted() ? "the bucket itself" : "";
}

// --- bucket policies -------------------------------------------------------------------------------------

bool names_everyone(const Resolved& principal) {
  if (principal.is_scalar()) return principal.text == "*";
  if (principal.is(Resolved::Kind::List)) {
    for (const auto& item : principal.items) {
      if (item.is_scalar() && item.text == "*") return true;
    }
    return false;
  }
  if (principal.is(Resolved::Kind::Map)) {
    const ResolvedEntry* aws = principal.find("AWS");
    return aws && names_everyone(aws->value);
  }
  return false;
}

std::string excerpt_of(const Resolved& statement) {
  std::string out;
  for (std::string_view key : {"Effect", "Principal", "Action"}) {
    const ResolvedEntry* e = statement.find(key);
    if (!e) continue;
    std::string text;
    if (e->value.is_scalar()) {
      text = e->value.text;
    } else if (e->value.is(Resolved::Kind::Map) && !e->value.entries.empty()) {
      const ResolvedEntry& first = e->value.entries.front();
      text = "{" + first.key + ": " + (first.value.is_scalar() ? first.value.text : describe(first.value)) + "}";
    } else if (e->value.is(Resolved::Kind::List)) {
      for (const auto& item : e->value.items) {
        text += (text.empty() ? "" : ", ") + (item.is_scalar() ? item.text : describe(item));
      }
      text = "[" + text + "]";
    } else {
      text = describe(e->value);
    }
    if (text.size() > 80) text = text.substr(0, 77) + "...";
    out += (out.empty() ? "" : ", ") + std::string(key) + " " + text;
  }
  return out;
}

model::PolicyStatement statement(const Resolved& s, Diagnostics& diag) {
  model::PolicyStatement out;
  out.where = diag.at(s.mark);
  out.excerpt = excerpt_of(s);
  if (const ResolvedEntry* sid = s.find("Sid"); sid && sid->value.is_scalar()) out.sid = sid->value.text;
  const ResolvedEntry* effect = s.find("Effect");
  if (!effect) {
    out.effect = MValue<std::string>::invalid("the statement has no Effect", out.where);
  } else if (effect->value.is_unknown()) {
    out.effect = MValue<std::string>::unresolvable(effect->value.text, diag.at(effect->key_mark));
  } else if (effect->value.is_scalar()) {
    out.effect = MValue<std::string>::set(effect->value.text, diag.at(effect->key_mark));
  } else {
    out.effect = MValue<std::string>::invalid("Effect is " + describe(effect->value), diag.at(effect->key_mark));
  }
  const ResolvedEntry* principal = s.find("Principal");
  if (!principal) {
    out.principal_everyone = MValue<bool>::set(false, out.where);  // NotPrincipal: never "anyone" here
  } else if (const Resolved* unknown = find_unknown(principal->value)) {
    out.principal_everyone = MValue<bool>::unresolvable(unknown->text, diag.at(principal->key_mark));
  } else {
    out.principal_everyone = MValue<bool>::set(names_everyone(principal->value), diag.at(principal->key_mark));
  }
  const ResolvedEntry* condition = s.find("Condition");
  if (!condition) {
    out.condition_keys = MValue<std::vector<std::string>>::set({}, out.where);
  } else if (condition->value.is_unknown()) {
    out.condition_keys =
        MValue<std::vector<std::string>>::unresolvable(condition->value.text, diag.at(condition->key_mark));
  } else {
    std::vector<std::string> keys;
    bool unknown = false;
    for (const auto& op : condition->value.entries) {
      if (op.value.is_unknown()) unknown = true;
      for (const auto& key : op.value.entries) keys.push_back(key.key);
    }
    out.condition_keys = unknown ? MValue<std::vector<std::string>>::unresolvable(
                                       "a condition is known only at deployment", diag.at(condition->key_mark))
                                 : MValue<std::vector<std::string>>::set(std::move(keys), diag.at(condition->key_mark));
  }
  return out;
}

MValue<std::vector<model::PolicyStatement>> policy_document(const Resolved& props, Diagnostics& diag,
                                                            const model::Location& resource) {
  using Policy = MValue<std::vector<model::PolicyStatement>>;
  const ResolvedEntry* doc_entry = PropertyReader::entry(props, "PolicyDocument");
  if (!doc_entry) return Policy::invalid("the bucket policy has no PolicyDocument", resource);
  const Resolved& document = doc_entry->value;
  const model::Location where = diag.at(doc_entry->key_mark);
  if (document.is_unknown()) return Policy::unresolvable(document.text, where);
  if (!document.is(Resolved::Kind::Map)) {
    return Policy::unresolvable("PolicyDocument is " + describe(document) + ", which stance does not read", where);
  }
  const ResolvedEntry* statements = document.find("Statement");
  if (!statements) return Policy::set({}, where);
  if (statements->value.is_unknown()) return Policy::unresolvable(statements->value.text, where);
  std::vector<model::PolicyStatement> out;
  if (statements->value.is(Resolved::Kind::Map)) {
    out.push_back(statement(statements->value, diag));
  } else if (statements->value.is(Resolved::Kind::List)) {
    for (const auto& s : statements->value.items) {
      if (s.is_unknown()) return Policy::unresolvable(s.text, diag.at(s.mark));
      if (s.is(Resolved::Kind::Map)) out.push_back(statement(s, diag));
    }
  }
  return Policy::set(std::move(out), where);
}

}  // namespace

void read_bucket_settings(const Resolved& props, PropertyReader& reader, model::Bucket& bucket) {
  bucket.public_access_block = public_access_block(props, reader);
  bucket.acl_grants = acl_grants(props, reader);
  versioning(props, reader, bucket);
  logging(props, reader, bucket);
  bucket.object_lock_enabled = reader.boolean(props, "ObjectLockEnabled", false);
  bucket.policy = MValue<std::vector<model::PolicyStatement>>::defaulted({}, bucket.where);
}

void attach_bucket_policies(const Template& tmpl, Evaluator& evaluator, Diagnostics& diag,
                            std::vector<model::Bucket>& buckets) {
  if (!tmpl.resources) return;
  for (const auto& pair : tmpl.resources->pairs) {
    const doc::Node& resource = *pair.value;
    if (!resource.is_mapping()) continue;
    const doc::Node* type = resource.get("Type");
    if (!type || !type->is_scalar() || type->text != "AWS::S3::BucketPolicy") continue;
    const std::string& id = pair.key->text;
    if (!resource_exists(tmpl, evaluator, diag, id, resource)) continue;
    const Resolved props = resource_properties(resource, id, evaluator, diag);
    const model::Location where = diag.at(pair.key->mark);
    PropertyReader reader(diag, where);
    const MValue<std::string> bucket_name = reader.string(props, "Bucket");
    model::Bucket* target = nullptr;
    for (model::Bucket& b : buckets) {
      if ((!bucket_name.refers_to.empty() && bucket_name.refers_to == b.id) ||
          (bucket_name.known() && b.name.known() && *b.name == *bucket_name)) {
        target = &b;
      }
    }
    if (!target) {
      if (bucket_name.known() || bucket_name.is_defaulted() || bucket_name.is_invalid()) continue;  // another bucket
      for (model::Bucket& b : buckets) {
        b.policy = MValue<std::vector<model::PolicyStatement>>::unresolvable(
            "the bucket of " + id + " is known only at deployment: " + bucket_name.note, bucket_name.where);
      }
      continue;
    }
    MValue<std::vector<model::PolicyStatement>> policy = policy_document(props, diag, where);
    if (target->policy.known() && policy.known() && !target->policy.is_defaulted()) {
      // Two policies for one bucket: S3 keeps one of them, so both count.
      for (auto& s : *policy) target->policy.value->push_back(std::move(s));
    } else if (target->policy.known()) {
      target->policy = std::move(policy);
    }
  }
}

}  // namespace stance::sources::cloudformation
