#include "sources/aws/cli_related.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "sources/aws/json_node.hpp"

namespace stance::sources::aws {

namespace {

constexpr const char* kS3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

std::string xml_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// An object of the CLI output as XML elements of the same names (scalars as their text, nested objects as
// nested elements, lists as repeated elements); `rename` maps the CLI's member names to S3's element names.
std::string xml_members(const doc::Node& node, const std::map<std::string, std::string>& rename = {}) {
  std::string out;
  if (!node.is_mapping()) return out;
  for (const auto& pair : node.pairs) {
    std::string name = pair.key->text;
    if (auto it = rename.find(name); it != rename.end()) name = it->second;
    const doc::Node& value = *pair.value;
    auto one = [&](const doc::Node& v) {
      out += "<" + name + ">";
      out += v.is_mapping() ? xml_members(v, rename) : v.is_scalar() && !is_json_null(v) ? xml_escaped(v.text) : "";
      out += "</" + name + ">";
    };
    if (value.is_sequence()) {
      for (const auto& item : value.items) one(*item);
    } else {
      one(value);
    }
  }
  return out;
}

std::string document_xml(const std::string& root, const std::string& inner) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root + " xmlns=\"" + kS3Namespace + "\">" + inner +
         "</" + root + ">";
}

std::string text_of(const doc::Node* node) { return node && node->is_scalar() && !is_json_null(*node) ? node->text : ""; }

std::string acl_xml(const doc::Node& root) {
  std::string inner;
  if (const doc::Node* owner = root.get("Owner")) inner += "<Owner>" + xml_members(*owner) + "</Owner>";
  inner += "<AccessControlList>";
  if (const doc::Node* grants = root.get("Grants"); grants && grants->is_sequence()) {
    for (const auto& grant : grants->items) {
      inner += "<Grant>";
      if (const doc::Node* grantee = grant->get("Grantee")) {
        const std::string type = text_of(grantee->get("Type"));
        inner += "<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"" + xml_escaped(type) +
                 "\">";
        for (const auto& pair : grantee->pairs) {
          if (pair.key->text == "Type") continue;
          inner += "<" + pair.key->text + ">" + xml_escaped(text_of(pair.value.get())) + "</" + pair.key->text + ">";
        }
        inner += "</Grantee>";
      }
      inner += "<Permission>" + xml_escaped(text_of(grant->get("Permission"))) + "</Permission></Grant>";
    }
  }
  inner += "</AccessControlList>";
  return document_xml("AccessControlPolicy", inner);
}

std::string file_stem(const std::string& path) { return std::filesystem::path(path).filename().string(); }
std::string parent_name(const std::string& path) {
  return std::filesystem::path(path).parent_path().filename().string();
}

engine::ScanError warning_at(const CliRelatedFile& f, std::string message) {
  return {f.path, std::move(message), model::Location::in_file(f.path, f.root->mark.line, f.root->mark.column)};
}

ApiCall call_of(const CliRelatedFile& f) {
  return ApiCall{operation_of(f.kind), "", "", api_body(f.kind, *f.root), std::nullopt};
}

bool is_bucket_kind(CliRelatedKind kind) {
  return kind != CliRelatedKind::DescribeKey && kind != CliRelatedKind::KeyRotationStatus;
}

ApiCall* bucket_slot(RawBucket& b, CliRelatedKind kind) {
  switch (kind) {
    case CliRelatedKind::BucketLocation: return &b.location;
    case CliRelatedKind::BucketPolicy: return &b.policy;
    case CliRelatedKind::BucketPolicyStatus: return &b.policy_status;
    case CliRelatedKind::BucketAcl: return &b.acl;
    case CliRelatedKind::PublicAccessBlock: return &b.public_access_block;
    case CliRelatedKind::BucketVersioning: return &b.versioning;
    case CliRelatedKind::BucketLogging: return &b.logging;
    case CliRelatedKind::ObjectLock: return &b.object_lock;
    case CliRelatedKind::DescribeKey:
    case CliRelatedKind::KeyRotationStatus: break;
  }
  return nullptr;
}

}  // namespace

const char* to_string(CliRelatedKind kind) {
  switch (kind) {
    case CliRelatedKind::BucketLocation: return "get-bucket-location";
    case CliRelatedKind::BucketPolicy: return "get-bucket-policy";
    case CliRelatedKind::BucketPolicyStatus: return "get-bucket-policy-status";
    case CliRelatedKind::BucketAcl: return "get-bucket-acl";
    case CliRelatedKind::PublicAccessBlock: return "get-public-access-block";
    case CliRelatedKind::BucketVersioning: return "get-bucket-versioning";
    case CliRelatedKind::BucketLogging: return "get-bucket-logging";
    case CliRelatedKind::ObjectLock: return "get-object-lock-configuration";
    case CliRelatedKind::DescribeKey: return "describe-key";
    case CliRelatedKind::KeyRotationStatus: return "get-key-rotation-status";
  }
  return "?";
}

const char* operation_of(CliRelatedKind kind) {
  switch (kind) {
    case CliRelatedKind::BucketLocation: return "GetBucketLocation";
    case CliRelatedKind::BucketPolicy: return "GetBucketPolicy";
    case CliRelatedKind::BucketPolicyStatus: return "GetBucketPolicyStatus";
    case CliRelatedKind::BucketAcl: return "GetBucketAcl";
    case CliRelatedKind::PublicAccessBlock: return "GetPublicAccessBlock";
    case CliRelatedKind::BucketVersioning: return "GetBucketVersioning";
    case CliRelatedKind::BucketLogging: return "GetBucketLogging";
    case CliRelatedKind::ObjectLock: return "GetObjectLockConfiguration";
    case CliRelatedKind::DescribeKey: return "DescribeKey";
    case CliRelatedKind::KeyRotationStatus: return "GetKeyRotationStatus";
  }
  return "?";
}

std::optional<CliRelatedKind> cli_related_kind(const doc::Node& root) {
  if (!root.is_mapping() || root.get("Resources") || root.get("AWSTemplateFormatVersion")) return std::nullopt;
  // Each output is one of these keys alone (the ACL's two, versioning's one or two): anything with other
  // keys is not AWS CLI output of these calls.
  auto only = [&](std::initializer_list<std::string_view> allowed) {
    for (const auto& pair : root.pairs) {
      if (std::find(allowed.begin(), allowed.end(), pair.key->text) == allowed.end()) return false;
    }
    return !root.pairs.empty();
  };
  if (only({"LocationConstraint"})) return CliRelatedKind::BucketLocation;
  if (only({"Policy"}) && root.get("Policy")->is_scalar()) return CliRelatedKind::BucketPolicy;
  if (only({"PolicyStatus"})) return CliRelatedKind::BucketPolicyStatus;
  if (only({"Owner", "Grants"}) && root.get("Grants")) return CliRelatedKind::BucketAcl;
  if (only({"PublicAccessBlockConfiguration"})) return CliRelatedKind::PublicAccessBlock;
  if (only({"Status", "MFADelete"})) return CliRelatedKind::BucketVersioning;
  if (only({"LoggingEnabled"})) return CliRelatedKind::BucketLogging;
  if (only({"ObjectLockConfiguration"})) return CliRelatedKind::ObjectLock;
  if (only({"KeyMetadata"})) return CliRelatedKind::DescribeKey;
  if (root.get("KeyRotationEnabled") && only({"KeyRotationEnabled", "KeyId", "RotationPeriodInDays",
                                              "NextRotationDate", "OnDemandRotationStartDate"})) {
    return CliRelatedKind::KeyRotationStatus;
  }
  return std::nullopt;
}

std::string api_body(CliRelatedKind kind, const doc::Node& root) {
  switch (kind) {
    case CliRelatedKind::BucketLocation:
      return document_xml("LocationConstraint", xml_escaped(text_of(root.get("LocationConstraint"))));
    case CliRelatedKind::BucketPolicy:
      return text_of(root.get("Policy"));
    case CliRelatedKind::BucketPolicyStatus:
      return document_xml("PolicyStatus", xml_members(*root.get("PolicyStatus")));
    case CliRelatedKind::BucketAcl:
      return acl_xml(root);
    case CliRelatedKind::PublicAccessBlock:
      return document_xml("PublicAccessBlockConfiguration", xml_members(*root.get("PublicAccessBlockConfiguration")));
    case CliRelatedKind::BucketVersioning:
      return document_xml("VersioningConfiguration", xml_members(root, {{"MFADelete", "MfaDelete"}}));
    case CliRelatedKind::BucketLogging:
      return document_xml("BucketLoggingStatus", xml_members(root));
    case CliRelatedKind::ObjectLock:
      return document_xml("ObjectLockConfiguration", xml_members(*root.get("ObjectLockConfiguration")));
    case CliRelatedKind::DescribeKey:
    case CliRelatedKind::KeyRotationStatus:
      return to_json(root);
  }
  return {};
}

CliRelated join_cli_related(const std::vector<CliRelatedFile>& files,
                            const std::vector<std::pair<std::string, std::string>>& named_buckets,
                            const std::vector<std::pair<std::string, std::string>>& named_keys,
                            SourceResult& diagnostics) {
  CliRelated out;
  std::map<std::string, std::size_t> bucket_index, key_index;
  auto bucket = [&](const std::string& name) -> RawBucket& {
    auto [it, inserted] = bucket_index.emplace(name, out.buckets.size());
    if (inserted) out.buckets.push_back(RawBucket{.name = name});
    return out.buckets[it->second];
  };
  auto key = [&](const std::string& id) -> RawKey& {
    auto [it, inserted] = key_index.emplace(id, out.keys.size());
    if (inserted) out.keys.push_back(RawKey{.key_id = id});
    return out.keys[it->second];
  };
  std::set<std::string> trail_buckets, trail_keys;
  for (const auto& [trail, name] : named_buckets) {
    if (name.empty()) continue;
    trail_buckets.insert(name);
    bucket(name).trails.push_back(trail);
  }
  for (const auto& [trail, id] : named_keys) {
    if (id.empty()) continue;
    trail_keys.insert(id);
    key(id).trails.push_back(trail);
  }
  // describe-key names its key: its ARN (what trails name) is the key's identity.
  std::vector<const CliRelatedFile*> rotations;
  for (const auto& f : files) {
    if (f.kind == CliRelatedKind::KeyRotationStatus) {
      rotations.push_back(&f);
      continue;
    }
    if (f.kind != CliRelatedKind::DescribeKey) continue;
    const doc::Node* meta = f.root->get("KeyMetadata");
    const std::string arn = meta ? text_of(meta->get("Arn")) : "";
    if (arn.empty()) {
      diagnostics.warnings.push_back(warning_at(f, "this describe-key output has no KeyMetadata.Arn; it is not used"));
      continue;
    }
    RawKey& k = key(arn);
    if (k.describe.present()) {
      diagnostics.warnings.push_back(warning_at(f, "a second describe-key output for " + arn + "; it is not used"));
      continue;
    }
    k.describe = call_of(f);
    trail_keys.insert(arn);
  }
  for (const CliRelatedFile* f : rotations) {
    std::string id = text_of(f->root->get("KeyId"));
    if (id.empty() && trail_keys.size() == 1) id = *trail_keys.begin();
    if (id.empty()) {
      diagnostics.warnings.push_back(warning_at(
          *f, "this get-key-rotation-status output does not name its key, and the input names " +
                  std::to_string(trail_keys.size()) + " keys: it is not used (scan one key's outputs at a time)"));
      continue;
    }
    RawKey& k = key(id);
    if (k.rotation.present()) {
      diagnostics.warnings.push_back(warning_at(*f, "a second get-key-rotation-status output for " + id + "; it is not used"));
      continue;
    }
    k.rotation = call_of(*f);
  }
  for (const auto& f : files) {
    if (!is_bucket_kind(f.kind)) continue;
    std::string name;
    const std::string stem = file_stem(f.path);
    for (const auto& b : trail_buckets) {
      if (stem.rfind(b + ".", 0) == 0 || parent_name(f.path) == b) name = b;
    }
    if (name.empty() && trail_buckets.size() == 1) name = *trail_buckets.begin();
    if (name.empty()) {
      diagnostics.warnings.push_back(warning_at(
          f, std::string("this ") + to_string(f.kind) + " output does not name its bucket, and the input's trails name " +
                 std::to_string(trail_buckets.size()) +
                 " buckets: it is not used (name the file BUCKET.*.json or put it in a directory named after the bucket)"));
      continue;
    }
    ApiCall* slot = bucket_slot(bucket(name), f.kind);
    if (slot->present()) {
      diagnostics.warnings.push_back(
          warning_at(f, std::string("a second ") + to_string(f.kind) + " output for bucket " + name + "; it is not used"));
      continue;
    }
    *slot = call_of(f);
  }
  for (auto& b : out.buckets) std::sort(b.trails.begin(), b.trails.end());
  for (auto& k : out.keys) std::sort(k.trails.begin(), k.trails.end());
  return out;
}

}  // namespace stance::sources::aws
