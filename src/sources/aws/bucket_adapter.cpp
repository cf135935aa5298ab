#include "sources/aws/bucket_adapter.hpp"

#include <simdjson.h>

#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/xml.hpp"
#include "model/policy_document.hpp"

namespace stance::sources::aws {

namespace {

using model::Location;
using model::Value;
using stance::aws::XmlElement;

// "s3:GetBucketPolicy: AccessDenied: Access Denied"
std::string failure(std::string_view service, const ApiCall& call) {
  const ApiError& e = *call.error;
  std::string code = e.code;
  if (code.empty()) code = e.http_status ? "HTTP " + std::to_string(e.http_status) : "error";
  return std::string(service) + ":" + call.operation + ": " + (e.message.empty() ? code : code + ": " + e.message);
}

// "s3:GetBucketLocation: AccessDenied", without AWS's message: for a refusal it only repeats who asked (an
// assumed-role session name that changes with every run).
std::string code_only(std::string_view service, const ApiCall& call) {
  const ApiError& e = *call.error;
  return std::string(service) + ":" + call.operation + ": " +
         (e.code.empty() ? "HTTP " + std::to_string(e.http_status) : e.code);
}

bool refused(const ApiCall& call) {
  return call.error && (call.error->code == "AccessDenied" || call.error->code == "AccessDeniedException" ||
                        call.error->http_status == 403);
}

bool none_answer(const ApiCall& call, std::string_view code) { return call.error && call.error->code == code; }

// One S3 call's answer: its XML root when it answered with the expected element; otherwise `why` says what
// the values it gives become (Unresolvable when the input lacks the call, Invalid when it failed).
struct S3Answer {
  std::optional<XmlElement> root;
  bool missing = false;  // the input has no such call (AWS CLI output without that file)
  std::string why;
};

S3Answer s3_answer(const ApiCall& call, std::string_view operation, std::string_view root_name) {
  S3Answer out;
  if (!call.present()) {
    out.missing = true;
    out.why = "the input has no s3:" + std::string(operation) + " answer for this bucket";
    return out;
  }
  if (call.error) {
    out.why = failure("s3", call);
    return out;
  }
  auto xml = stance::aws::parse_xml(call.response);
  if (!xml.root) {
    out.why = "s3:" + call.operation + ": unexpected response: not XML (" + xml.error + ")";
  } else if (xml.root->name != root_name) {
    out.why = "s3:" + call.operation + ": unexpected response: <" + xml.root->name + ">, expected <" +
              std::string(root_name) + ">";
  } else {
    out.root = std::move(xml.root);
  }
  return out;
}

template <class T>
Value<T> not_known(const S3Answer& a, const Location& where) {
  return a.missing ? Value<T>::unresolvable(a.why, where) : Value<T>::invalid(a.why, where);
}

// "true" / "false" of a Block Public Access flag (absent: false, as S3 stores an omitted flag).
std::optional<bool> xml_bool(const XmlElement& parent, std::string_view name) {
  const XmlElement* e = parent.child(name);
  if (!e) return false;
  if (e->text == "true") return true;
  if (e->text == "false") return false;
  return std::nullopt;
}

// The four flags of a PublicAccessBlockConfiguration answer (bucket or account), or why they are not known.
struct Blocks {
  std::optional<std::array<std::optional<bool>, 4>> flags;  // nullopt inside: not true/false
  bool none = false;                                        // no configuration: every flag off
  S3Answer answer;
};

constexpr std::string_view kBlockNames[4] = {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
                                              "RestrictPublicBuckets"};

Blocks read_blocks(const ApiCall& call) {
  Blocks b;
  if (none_answer(call, "NoSuchPublicAccessBlockConfiguration")) {
    b.none = true;
    return b;
  }
  b.answer = s3_answer(call, "GetPublicAccessBlock", "PublicAccessBlockConfiguration");
  if (b.answer.root) {
    std::array<std::optional<bool>, 4> flags;
    for (std::size_t i = 0; i < 4; ++i) flags[i] = xml_bool(*b.answer.root, kBlockNames[i]);
    b.flags = flags;
  }
  return b;
}

void set_public_access_block(model::Bucket& bucket, const RawBucket& raw, const ApiCall& account_call) {
  const Blocks own = read_blocks(raw.public_access_block);
  const bool account_known = account_call.present();
  const Blocks account = account_known ? read_blocks(account_call) : Blocks{};
  Value<bool>* slots[4] = {&bucket.public_access_block.block_public_acls,
                           &bucket.public_access_block.ignore_public_acls,
                           &bucket.public_access_block.block_public_policy,
                           &bucket.public_access_block.restrict_public_buckets};
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string name(kBlockNames[i]);
    const bool own_true = own.flags && (*own.flags)[i] == true;
    const bool account_true = account.flags && (*account.flags)[i] == true;
    if (own_true) {
      *slots[i] = Value<bool>::set(true, bucket.where);
    } else if (account_true) {
      *slots[i] = Value<bool>::set(true, bucket.where, "set for the whole account " + bucket.account_id);
    } else if (!own.none && !own.flags) {
      *slots[i] = not_known<bool>(own.answer, bucket.where);
    } else if (own.flags && !(*own.flags)[i].has_value()) {
      *slots[i] = Value<bool>::invalid("s3:GetPublicAccessBlock: " + name + " is neither true nor false",
                                       bucket.where);
    } else if (account_known && !account.none && !account.flags) {
      // Off at the bucket; the account's setting could still turn it on.
      *slots[i] = account.answer.missing ? Value<bool>::unresolvable(account.answer.why, bucket.where)
                                         : Value<bool>::invalid("account-level " + account.answer.why, bucket.where);
    } else if (own.none) {
      *slots[i] = Value<bool>::defaulted(false, bucket.where);  // no configuration: off
    } else {
      *slots[i] = Value<bool>::set(false, bucket.where);
    }
  }
}

void set_policy(model::Bucket& bucket, const RawBucket& raw) {
  if (none_answer(raw.policy, "NoSuchBucketPolicy")) {
    bucket.policy = Value<std::vector<model::PolicyStatement>>::set({}, bucket.where);
  } else if (!raw.policy.present() || raw.policy.error) {
    S3Answer a = s3_answer(raw.policy, "GetBucketPolicy", "");
    bucket.policy = not_known<std::vector<model::PolicyStatement>>(a, bucket.where);
    return;
  } else {
    bucket.policy = model::parse_policy_json(raw.policy.response, bucket.where, "s3:GetBucketPolicy's answer");
  }
  if (!bucket.policy.known()) return;
  // AWS's own verdict, where GetBucketPolicyStatus answers (it knows confining conditions stance does not).
  const S3Answer status = s3_answer(raw.policy_status, "GetBucketPolicyStatus", "PolicyStatus");
  if (!status.root) return;
  const std::string is_public = status.root->text_at({"IsPublic"});
  if (is_public == "false") {
    for (model::PolicyStatement& s : *bucket.policy.value) {
      if (s.principal_everyone.known() && *s.principal_everyone) {
        s.principal_everyone = Value<bool>::set(false, bucket.where, "s3:GetBucketPolicyStatus: IsPublic is false");
      }
    }
  } else if (is_public == "true") {
    bool allows_anyone = false;
    for (const model::PolicyStatement& s : *bucket.policy) {
      allows_anyone = allows_anyone || (s.effect.known() && *s.effect == "Allow" && s.principal_everyone.known() &&
                                        *s.principal_everyone);
    }
    if (!allows_anyone) {
      model::PolicyStatement aws_says;
      aws_says.where = bucket.where;
      aws_says.excerpt = "(s3:GetBucketPolicyStatus says IsPublic true)";
      aws_says.effect = Value<std::string>::set("Allow", bucket.where);
      aws_says.principal_everyone = Value<bool>::set(true, bucket.where);
      aws_says.condition_keys = Value<std::vector<std::string>>::set({}, bucket.where);
      bucket.policy.value->push_back(std::move(aws_says));
    }
  }
}

void set_acl(model::Bucket& bucket, const RawBucket& raw) {
  const S3Answer a = s3_answer(raw.acl, "GetBucketAcl", "AccessControlPolicy");
  if (!a.root) {
    bucket.acl_grants = not_known<std::vector<model::AclGrant>>(a, bucket.where);
    return;
  }
  std::vector<model::AclGrant> grants;
  if (const XmlElement* list = a.root->child("AccessControlList")) {
    for (const XmlElement& grant : list->children) {
      if (grant.name != "Grant") continue;
      const XmlElement* grantee = grant.child("Grantee");
      if (!grantee) continue;
      std::string who = model::acl_group(grantee->text_at({"URI"}));
      if (who.empty()) {
        who = grantee->text_at({"ID"});
        if (who.empty()) who = grantee->text_at({"EmailAddress"});
      }
      grants.push_back({bucket.where, who, grant.text_at({"Permission"}), "GetBucketAcl"});
    }
  }
  bucket.acl_grants = Value<std::vector<model::AclGrant>>::set(std::move(grants), bucket.where);
}

void set_versioning(model::Bucket& bucket, const RawBucket& raw) {
  const S3Answer a = s3_answer(raw.versioning, "GetBucketVersioning", "VersioningConfiguration");
  if (!a.root) {
    bucket.versioning_status = not_known<std::string>(a, bucket.where);
    bucket.mfa_delete = not_known<bool>(a, bucket.where);
    return;
  }
  // A bucket never versioned answers an empty configuration.
  const std::string status = a.root->text_at({"Status"});
  bucket.versioning_status = status.empty() ? Value<std::string>::defaulted("Disabled", bucket.where)
                                            : Value<std::string>::set(status, bucket.where);
  const std::string mfa = a.root->text_at({"MfaDelete"});
  if (mfa.empty()) {
    bucket.mfa_delete = Value<bool>::defaulted(false, bucket.where);
  } else if (mfa == "Enabled" || mfa == "Disabled") {
    bucket.mfa_delete = Value<bool>::set(mfa == "Enabled", bucket.where);
  } else {
    bucket.mfa_delete = Value<bool>::invalid("s3:GetBucketVersioning: MfaDelete is \"" + mfa + "\"", bucket.where);
  }
}

void set_logging(model::Bucket& bucket, const RawBucket& raw) {
  const S3Answer a = s3_answer(raw.logging, "GetBucketLogging", "BucketLoggingStatus");
  if (!a.root) {
    bucket.logging = not_known<bool>(a, bucket.where);
    return;
  }
  const XmlElement* enabled = a.root->child("LoggingEnabled");
  if (!enabled) {
    bucket.logging = Value<bool>::defaulted(false, bucket.where);
    return;
  }
  bucket.logging = Value<bool>::set(true, bucket.where);
  bucket.logging_target = enabled->text_at({"TargetBucket"});
}

void set_object_lock(model::Bucket& bucket, const RawBucket& raw) {
  if (none_answer(raw.object_lock, "ObjectLockConfigurationNotFoundError")) {
    bucket.object_lock_enabled = Value<bool>::defaulted(false, bucket.where);
    return;
  }
  const S3Answer a = s3_answer(raw.object_lock, "GetObjectLockConfiguration", "ObjectLockConfiguration");
  if (!a.root) {
    bucket.object_lock_enabled = not_known<bool>(a, bucket.where);
    return;
  }
  bucket.object_lock_enabled = Value<bool>::set(a.root->text_at({"ObjectLockEnabled"}) == "Enabled", bucket.where);
}

// A key's account from its ARN (arn:<partition>:kms:<region>:<account>:key/<id> or alias/<name>), "" if none.
std::string account_in_arn(const std::string& arn) {
  std::size_t start = 0;
  for (int field = 0; field < 4; ++field) {
    start = arn.find(':', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  if (arn.rfind("arn:", 0) != 0) return "";
  const std::size_t end = arn.find(':', start);
  const std::string account = end == std::string::npos ? "" : arn.substr(start, end - start);
  return account.size() == 12 && account.find_first_not_of("0123456789") == std::string::npos ? account : "";
}

std::string region_in_arn(const std::string& arn) {
  if (arn.rfind("arn:", 0) != 0) return "";
  std::size_t start = 0;
  for (int field = 0; field < 3; ++field) {
    start = arn.find(':', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  const std::size_t end = arn.find(':', start);
  return end == std::string::npos ? "" : arn.substr(start, end - start);
}

const char* const kNotScanned =
    " owned by another account, not scanned: scan the account that owns it too (--accounts, --organization)";

}  // namespace

model::Bucket adapt_bucket(const RawBucket& raw, const ApiCall& account_block, model::SourceKind kind,
                           const std::string& partition) {
  model::Bucket bucket;
  bucket.source = kind;
  bucket.id = "arn:" + partition + ":s3:::" + raw.name;
  bucket.name = Value<std::string>::set(raw.name, Location{});
  bucket.region = raw.region;
  if (bucket.region.empty() && raw.location.present() && !raw.location.error) {
    // AWS CLI output: the region is the answer's (empty LocationConstraint: us-east-1, "EU": eu-west-1).
    if (auto xml = stance::aws::parse_xml(raw.location.response); xml.root && xml.root->name == "LocationConstraint") {
      bucket.region = xml.root->text.empty() ? "us-east-1" : xml.root->text == "EU" ? "eu-west-1" : xml.root->text;
    }
  }
  // A refused bucket's owner is not known; one that answered belongs to (or is readable by) the reading account.
  const bool refused_everywhere = refused(raw.location);
  if (!refused_everywhere) bucket.account_id = raw.read_by_account;
  bucket.where = Location::in_cloud(bucket.id, bucket.region, bucket.account_id);
  bucket.name.where = bucket.where;

  if (refused_everywhere) {
    bucket.unreadable = std::string("bucket") + kNotScanned + " (" + code_only("s3", raw.location) +
                        " to every scanned account)";
    bucket.unreadable_is_unknown = true;
    return bucket;
  }
  if (none_answer(raw.location, "NoSuchBucket")) {
    // Nothing to judge: CT-011 reports the failed delivery. Not a pass either: whoever creates a bucket of
    // this name (in any account) may receive the trail's logs.
    bucket.unreadable = "the bucket does not exist (" + code_only("s3", raw.location) +
                        "): the trail delivers nowhere, and whoever creates a bucket of this name may receive its logs";
    bucket.unreadable_is_unknown = true;
    return bucket;
  }
  if (raw.location.error) {
    bucket.unreadable = failure("s3", raw.location);
    return bucket;
  }
  set_public_access_block(bucket, raw, account_block);
  set_policy(bucket, raw);
  set_acl(bucket, raw);
  set_versioning(bucket, raw);
  set_logging(bucket, raw);
  set_object_lock(bucket, raw);
  return bucket;
}

model::Key adapt_key(const RawKey& raw, model::SourceKind kind) {
  model::Key key;
  key.source = kind;
  key.id = raw.key_id;
  key.region = raw.region;
  std::string arn = raw.key_id;
  std::string manager;
  std::string why_not;  // DescribeKey's answer could not be used
  if (raw.describe.present() && !raw.describe.error) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc, meta;
    if (parser.parse(raw.describe.response).get(doc) || doc["KeyMetadata"].get(meta)) {
      why_not = "kms:DescribeKey: unexpected response: no KeyMetadata object";
    } else {
      std::string_view text;
      if (!meta["Arn"].get(text)) arn = std::string(text);
      if (!meta["KeyManager"].get(text)) manager = std::string(text);
    }
  }
  std::string owner = account_in_arn(arn);
  if (owner.empty()) owner = raw.read_by_account;
  if (const std::string region = region_in_arn(arn); !region.empty()) key.region = region;
  key.where = Location::in_cloud(arn, key.region, owner);

  if (refused(raw.describe) && (owner.empty() || owner != raw.read_by_account)) {
    key.unreadable = std::string("key") + kNotScanned + " (" + code_only("kms", raw.describe) + ")";
    key.unreadable_is_unknown = true;
    return key;
  }
  key.account_id = owner;
  if (none_answer(raw.describe, "NotFoundException")) {
    key.unreadable = "the key does not exist (" + code_only("kms", raw.describe) + ")";
    key.unreadable_is_unknown = true;
    return key;
  }
  if (raw.describe.error) {
    key.unreadable = failure("kms", raw.describe);
    return key;
  }
  if (!why_not.empty()) {
    key.unreadable = why_not;
    return key;
  }
  // An AWS managed key's material rotates every year, by AWS, and cannot be turned off.
  if (manager == "AWS") {
    key.rotation_enabled = Value<bool>::set(true, key.where, "an AWS managed key: AWS rotates it every year");
    return key;
  }
  if (!raw.rotation.present()) {
    key.rotation_enabled =
        Value<bool>::unresolvable("the input has no kms:GetKeyRotationStatus answer for this key", key.where);
    return key;
  }
  if (raw.rotation.error) {
    key.rotation_enabled = Value<bool>::invalid(failure("kms", raw.rotation), key.where);
    return key;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  bool enabled = false;
  if (parser.parse(raw.rotation.response).get(doc) || doc["KeyRotationEnabled"].get(enabled)) {
    key.rotation_enabled = Value<bool>::invalid(
        "kms:GetKeyRotationStatus: unexpected response: KeyRotationEnabled is not a boolean", key.where);
  } else {
    key.rotation_enabled = Value<bool>::set(enabled, key.where);
  }
  return key;
}

}  // namespace stance::sources::aws
