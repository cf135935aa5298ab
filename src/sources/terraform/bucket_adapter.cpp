#include "sources/terraform/bucket_adapter.hpp"

#include <functional>
#include <string>

#include "common/document.hpp"
#include "model/policy_document.hpp"
#include "sources/terraform/attribute_reader.hpp"

namespace stance::terraform {

namespace {

using Grants = MValue<std::vector<model::AclGrant>>;
using Policy = MValue<std::vector<model::PolicyStatement>>;

// "module.logs." of "module.logs.aws_s3_bucket_policy.p" (type aws_s3_bucket_policy); "" at the root.
std::string module_prefix(const std::string& address, std::string_view type) {
  const std::size_t at = address.rfind(std::string(type) + ".");
  return at == std::string::npos ? std::string() : address.substr(0, at);
}

// `address` without a trailing instance key: "aws_s3_bucket.b[0]" -> "aws_s3_bucket.b".
std::string without_key(const std::string& address) {
  if (address.empty() || address.back() != ']') return address;
  const std::size_t open = address.rfind('[');
  return open == std::string::npos ? address : address.substr(0, open);
}

// --- bucket policies: the JSON text of `policy` (jsonencode(...), a heredoc, a file) ------------------------

// A policy attribute: its statements, each located at the attribute (its JSON has no positions of its own).
Policy policy_of(const EvalBlock& body, const std::string& name, AttributeReader& reader) {
  const MValue<std::string> text = reader.string(body, name);
  if (text.is_invalid()) return Policy::invalid(text.note, text.where);
  if (!text.known()) {
    if (text.is_defaulted()) return Policy::defaulted({}, text.where);
    return Policy::unresolvable(text.note, text.where);
  }
  Policy statements = model::parse_policy_json(*text, text.where, name);
  if (statements.known()) statements.note = text.note;
  return statements;
}

// --- ACLs -------------------------------------------------------------------------------------------------

Grants canned(const EvalBlock& body, AttributeReader& reader) {
  const MValue<std::string> acl = reader.string(body, "acl");
  if (acl.is_invalid()) return Grants::invalid(acl.note, acl.where);
  if (acl.is_defaulted() && !acl.known()) return Grants::defaulted({}, acl.where);
  if (!acl.known()) return Grants::unresolvable(acl.note, acl.where);
  auto grants = model::canned_acl_grants(*acl, acl.where, "acl = \"" + *acl + "\"");
  if (!grants) return Grants::invalid("acl \"" + *acl + "\" is not a canned ACL", acl.where);
  return Grants::set(std::move(*grants), acl.where, acl.note);
}

// grant { type = "Group", uri = ".../AllUsers", permissions = [...] } (legacy) and
// access_control_policy { grant { grantee { type, uri } permission } } (aws_s3_bucket_acl).
void explicit_grants(const std::vector<EvalBlock>& grants, bool nested_grantee, Grants& out) {
  for (const EvalBlock& g : grants) {
    const EvalBlock* grantee = &g;
    if (nested_grantee) {
      auto it = g.blocks.find("grantee");
      if (it == g.blocks.end() || it->second.empty()) continue;
      grantee = &it->second.front();
    }
    const EvalAttribute* uri = grantee->attribute("uri");
    if (!uri || uri->value.is_null()) continue;
    const model::Location where = location(g.file, g.range.start);
    if (uri->value.is_unknown()) {
      out = Grants::unresolvable(uri->value.unknown_reason, where);
      return;
    }
    const std::string group = model::acl_group(uri->value.string);
    if (group.empty()) continue;
    std::string permission;
    const EvalAttribute* p = g.attribute(nested_grantee ? "permission" : "permissions");
    if (p && p->value.type == Type::String) permission = p->value.string;
    if (p && p->value.type == Type::List) {
      for (const auto& item : p->value.items) permission += (permission.empty() ? "" : ",") + item.string;
    }
    if (!out.known()) out = Grants::set({}, where);
    if (out.is_defaulted()) out = Grants::set({}, where);
    out.value->push_back(model::AclGrant{where, group, permission, "grant to " + group});
  }
}

// --- one bucket -------------------------------------------------------------------------------------------

model::Bucket bucket_of(const ResourceInstance& r, Diagnostics& diag) {
  const EvalBlock& body = r.body;
  model::Bucket b;
  b.source = model::SourceKind::Terraform;
  b.id = r.address;
  b.root_module = r.root_module;
  b.where = location(body.file, body.range.start);
  AttributeReader reader(diag, b.where);
  b.name = reader.string(body, "bucket");
  if (b.name.is_defaulted() && !b.name.known()) {
    b.name = MValue<std::string>::unresolvable("bucket is not set: the provider generates the name", b.where);
  }
  for (MValue<bool>* v : {&b.public_access_block.block_public_acls, &b.public_access_block.ignore_public_acls,
                          &b.public_access_block.block_public_policy,
                          &b.public_access_block.restrict_public_buckets}) {
    *v = MValue<bool>::defaulted(true, b.where);
  }
  b.acl_grants = canned(body, reader);
  if (auto it = body.blocks.find("grant"); it != body.blocks.end()) explicit_grants(it->second, false, b.acl_grants);
  b.policy = policy_of(body, "policy", reader);

  // Legacy inline blocks (provider v3; deprecated in v4, still read).
  b.versioning_status = MValue<std::string>::defaulted("Disabled", b.where);
  b.mfa_delete = MValue<bool>::defaulted(false, b.where);
  if (auto it = body.blocks.find("versioning"); it != body.blocks.end() && !it->second.empty()) {
    const EvalBlock& v = it->second.front();
    const MValue<bool> enabled = reader.boolean(v, "enabled", false);
    if (enabled.known()) {
      b.versioning_status = MValue<std::string>::set(*enabled ? "Enabled" : "Disabled", enabled.where);
    } else {
      b.versioning_status = enabled.is_invalid() ? MValue<std::string>::invalid(enabled.note, enabled.where)
                                                 : MValue<std::string>::unresolvable(enabled.note, enabled.where);
    }
    b.mfa_delete = reader.boolean(v, "mfa_delete", false);
  }
  b.logging = MValue<bool>::defaulted(false, b.where);
  if (auto it = body.blocks.find("logging"); it != body.blocks.end() && !it->second.empty()) {
    const EvalBlock& l = it->second.front();
    b.logging = MValue<bool>::set(true, location(l.file, l.range.start));
    const MValue<std::string> target = reader.string(l, "target_bucket");
    b.logging_target = target.known() ? *target : "";
  }
  b.object_lock_enabled = reader.boolean(body, "object_lock_enabled", false);
  if (auto it = body.blocks.find("object_lock_configuration"); it != body.blocks.end() && !it->second.empty()) {
    const EvalBlock& o = it->second.front();
    const MValue<std::string> enabled = reader.string(o, "object_lock_enabled", std::string("Enabled"));
    if (enabled.known()) {
      b.object_lock_enabled = MValue<bool>::set(*enabled == "Enabled", location(o.file, o.range.start));
    } else {
      b.object_lock_enabled = MValue<bool>::unresolvable(enabled.note, enabled.where);
    }
  }
  return b;
}

// --- split resources --------------------------------------------------------------------------------------

using Apply = std::function<void(model::Bucket&, const ResourceInstance&, AttributeReader&)>;

// Applies a split resource to the bucket its `bucket` attribute names; when that is known only at deployment and
// is no reference to a declared bucket, `unknown` applies to every bucket of the root (any may be the one).
void join(const ResourceInstance& r, std::string_view type, std::vector<model::Bucket>& buckets, std::size_t first,
          Diagnostics& diag, const Apply& apply, const std::function<void(model::Bucket&, const std::string&,
                                                                          const model::Location&)>& unknown) {
  AttributeReader reader(diag, location(r.body.file, r.body.range.start));
  const MValue<std::string> name = reader.string(r.body, "bucket");
  const std::string prefix = module_prefix(r.address, type);
  for (std::size_t i = first; i < buckets.size(); ++i) {
    model::Bucket& b = buckets[i];
    const bool by_reference = !name.refers_to.empty() &&
                              (b.id == prefix + name.refers_to || without_key(b.id) == prefix + name.refers_to);
    const bool by_name = name.known() && b.name.known() && *b.name == *name;
    if (by_reference || by_name) {
      apply(b, r, reader);
      return;
    }
  }
  if (name.known() || name.is_invalid() || (name.is_defaulted() && !name.known())) return;  // another bucket
  for (std::size_t i = first; i < buckets.size(); ++i) {
    unknown(buckets[i], "the bucket of " + r.address + " is known only at deployment (" + name.note + ")", name.where);
  }
}

}  // namespace

void adapt_buckets_and_keys(ModuleInstance& root, Diagnostics& diag, std::vector<model::Bucket>& buckets,
                            std::vector<model::Key>& keys) {
  const std::size_t first = buckets.size();
  root.visit_resources("aws_s3_bucket", [&](ResourceInstance& r) { buckets.push_back(bucket_of(r, diag)); });
  root.visit_resources("aws_kms_key", [&](ResourceInstance& r) {
    model::Key k;
    k.source = model::SourceKind::Terraform;
    k.id = r.address;
    k.root_module = r.root_module;
    k.where = location(r.body.file, r.body.range.start);
    AttributeReader reader(diag, k.where);
    k.rotation_enabled = reader.boolean(r.body, "enable_key_rotation", false);
    keys.push_back(std::move(k));
  });
  if (buckets.size() == first) return;

  auto visit = [&](std::string_view type, const Apply& apply,
                   const std::function<void(model::Bucket&, const std::string&, const model::Location&)>& unknown) {
    root.visit_resources(type, [&](ResourceInstance& r) { join(r, type, buckets, first, diag, apply, unknown); });
  };
  visit(
      "aws_s3_bucket_public_access_block",
      [](model::Bucket& b, const ResourceInstance& r, AttributeReader& reader) {
        model::PublicAccessBlock& pab = b.public_access_block;
        pab.block_public_acls = reader.boolean(r.body, "block_public_acls", false);
        pab.ignore_public_acls = reader.boolean(r.body, "ignore_public_acls", false);
        pab.block_public_policy = reader.boolean(r.body, "block_public_policy", false);
        pab.restrict_public_buckets = reader.boolean(r.body, "restrict_public_buckets", false);
      },
      [](model::Bucket& b, const std::string& why, const model::Location& where) {
        b.public_access_block.ignore_public_acls = MValue<bool>::unresolvable(why, where);
        b.public_access_block.restrict_public_buckets = MValue<bool>::unresolvable(why, where);
      });
  visit(
      "aws_s3_bucket_policy",
      [](model::Bucket& b, const ResourceInstance& r, AttributeReader& reader) {
        Policy policy = policy_of(r.body, "policy", reader);
        if (b.policy.known() && !b.policy.is_defaulted() && policy.known()) {
          for (auto& s : *policy) b.policy.value->push_back(std::move(s));
        } else if (b.policy.known()) {
          b.policy = std::move(policy);
        }
      },
      [](model::Bucket& b, const std::string& why, const model::Location& where) {
        b.policy = Policy::unresolvable(why, where);
      });
  visit(
      "aws_s3_bucket_acl",
      [](model::Bucket& b, const ResourceInstance& r, AttributeReader& reader) {
        b.acl_grants = canned(r.body, reader);
        auto it = r.body.blocks.find("access_control_policy");
        if (it == r.body.blocks.end() || it->second.empty()) return;
        auto grants = it->second.front().blocks.find("grant");
        if (grants != it->second.front().blocks.end()) explicit_grants(grants->second, true, b.acl_grants);
      },
      [](model::Bucket& b, const std::string& why, const model::Location& where) {
        b.acl_grants = Grants::unresolvable(why, where);
      });
  visit(
      "aws_s3_bucket_versioning",
      [](model::Bucket& b, const ResourceInstance& r, AttributeReader& reader) {
        auto it = r.body.blocks.find("versioning_configuration");
        if (it == r.body.blocks.end() || it->second.empty()) return;
        const EvalBlock& v = it->second.front();
        b.versioning_status = reader.one_of(v, "status", {"Enabled", "Suspended", "Disabled"}, "Disabled");
        const MValue<std::string> mfa = reader.one_of(v, "mfa_delete", {"Enabled", "Disabled"}, "Disabled");
        if (mfa.known()) {
          b.mfa_delete = mfa.is_defaulted() ? MValue<bool>::defaulted(false, mfa.where)
                                            : MValue<bool>::set(*mfa == "Enabled", mfa.where, mfa.note);
        } else {
          b.mfa_delete = mfa.is_invalid() ? MValue<bool>::invalid(mfa.note, mfa.where)
                                          : MValue<bool>::unresolvable(mfa.note, mfa.where);
        }
      },
      [](model::Bucket& b, const std::string& why, const model::Location& where) {
        b.versioning_status = MValue<std::string>::unresolvable(why, where);
        b.mfa_delete = MValue<bool>::unresolvable(why, where);
      });
  visit(
      "aws_s3_bucket_logging",
      [](model::Bucket& b, const ResourceInstance& r, AttributeReader& reader) {
        b.logging = MValue<bool>::set(true, location(r.body.file, r.body.range.start));
        const MValue<std::string> target = reader.string(r.body, "target_bucket");
        b.logging_target = target.known() ? *target : "";
      },
      [](model::Bucket& b, const std::string& why, const model::Location& where) {
        if (!(b.logging.known() && *b.logging)) b.logging = MValue<bool>::unresolvable(why, where);
      });
  visit(
      "aws_s3_bucket_object_lock_configuration",
      [](model::Bucket& b, const ResourceInstance& r, AttributeReader&) {
        b.object_lock_enabled = MValue<bool>::set(true, location(r.body.file, r.body.range.start));
      },
      [](model::Bucket& b, const std::string& why, const model::Location& where) {
        if (!(b.object_lock_enabled.known() && *b.object_lock_enabled)) {
          b.object_lock_enabled = MValue<bool>::unresolvable(why, where);
        }
      });
}

void link_to_declared(model::Trail& trail, std::span<const model::Bucket> buckets, std::span<const model::Key> keys) {
  const std::string prefix = module_prefix(trail.id, "aws_cloudtrail");
  auto by_reference = [&](model::Reference& ref, auto resources) {
    if (ref.kind != model::Reference::Kind::Declared) return;
    const std::string wanted = prefix + ref.target;
    for (const auto& r : resources) {
      if (r.root_module == trail.root_module && (r.id == wanted || without_key(r.id) == wanted)) {
        ref.target = r.id;
        return;
      }
    }
    ref.target = wanted;
  };
  by_reference(trail.log_bucket, buckets);
  by_reference(trail.log_key, keys);
  if (trail.log_bucket.kind == model::Reference::Kind::External && trail.s3_bucket_name.known()) {
    for (const auto& b : buckets) {
      if (b.root_module == trail.root_module && b.name.known() && *b.name == *trail.s3_bucket_name) {
        trail.log_bucket.kind = model::Reference::Kind::Declared;
        trail.log_bucket.target = b.id;
        trail.log_bucket.why.clear();
        return;
      }
    }
  }
}

}  // namespace stance::terraform
