#include "rules/ct003/check.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "rules/common/related.hpp"

namespace stance::rules::ct003 {

namespace {

// Condition keys that confine an `Allow` to anyone to known accounts, organizations, networks or source
// resources: with one of them S3 does not count the statement as public ("The meaning of public" in the S3
// user guide). Compared without letter case, as IAM does.
constexpr std::array<std::string_view, 14> kConfiningKeys{
    "aws:sourcearn",       "aws:sourceaccount", "aws:sourceowner",     "aws:sourceorgid",
    "aws:sourceorgpaths",  "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount",
    "aws:principalarn",    "aws:sourcevpc",     "aws:sourcevpce",      "aws:sourceip",
    "aws:userid",          "aws:username",
};

bool confines(std::string key) {
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(kConfiningKeys.begin(), kConfiningKeys.end(), key) != kConfiningKeys.end();
}

const SourceNames kIgnorePublicAcls{"IgnorePublicAcls", "ignore_public_acls", "IgnorePublicAcls"};
const SourceNames kRestrictPublicBuckets{"RestrictPublicBuckets", "restrict_public_buckets",
                                         "RestrictPublicBuckets"};

// What the bucket's settings make of one kind of exposure (ACL grants or policy statements).
struct Verdict {
  std::vector<std::string> public_;  // exposures that stand
  model::Location public_where;
  std::vector<std::string> unknown;  // exposures that may stand, or settings that may or may not neutralise them
  model::Location unknown_where;
  std::vector<std::string> errors;
  model::Location error_where;
  std::vector<std::string> neutralised;

  void add_public(std::string what, const model::Location& where) {
    if (public_.empty()) public_where = where;
    public_.push_back(std::move(what));
  }
  void add_unknown(std::string what, const model::Location& where) {
    if (unknown.empty()) unknown_where = where;
    unknown.push_back(std::move(what));
  }
  void add_error(std::string what, const model::Location& where) {
    if (errors.empty()) error_where = where;
    errors.push_back(std::move(what));
  }
};

// `exposures` (what would be public, with where) against the Block Public Access setting that neutralises
// them when true.
void judge(const std::vector<std::pair<std::string, model::Location>>& exposures, const model::Value<bool>& block,
           std::string_view block_name, Verdict& v) {
  if (exposures.empty()) return;
  const std::string name(block_name);
  for (const auto& [what, where] : exposures) {
    if (block.known() && *block) {
      v.neutralised.push_back(what + " (neutralised by " + name + ")");
    } else if (block.is_invalid()) {
      v.add_error(what + ", and " + name + " could not be read: " + block.note, block.where);
    } else if (!block.known()) {
      v.add_unknown(what + ", unless " + name + " is true, which is known only at deployment" +
                        (block.note.empty() ? "" : " (" + block.note + ")"),
                    block.where);
    } else {
      v.add_public(what + ", and " + name + " is " + (block.is_defaulted() ? "off" : "false"), where);
    }
  }
}

std::string statement_name(const model::PolicyStatement& s) {
  return s.sid.empty() ? "policy statement " + s.excerpt : "policy statement \"" + s.sid + "\" (" + s.excerpt + ")";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "; ") + i;
  return out;
}

}  // namespace

CheckOutcome check(const model::Bucket& bucket, const RuleSettings&) {
  const model::PublicAccessBlock& pab = bucket.public_access_block;
  Verdict v;

  // ACL grants to everyone or to every AWS account.
  std::vector<std::pair<std::string, model::Location>> acl_exposures;
  if (bucket.acl_grants.is_invalid()) {
    v.add_error("the ACL could not be read: " + bucket.acl_grants.note, bucket.acl_grants.where);
  } else if (!bucket.acl_grants.known()) {
    acl_exposures.emplace_back("the ACL is known only at deployment" +
                                   (bucket.acl_grants.note.empty() ? "" : " (" + bucket.acl_grants.note + ")"),
                               bucket.acl_grants.where);
  } else {
    for (const model::AclGrant& g : *bucket.acl_grants) {
      if (!g.is_public()) continue;
      acl_exposures.emplace_back(g.written + " grants " + g.permission + " to " + g.grantee, g.where);
    }
  }
  // An unknown ACL is not an exposure that stands: judged apart so that it can only make the verdict unknown.
  const bool acl_unknown = bucket.acl_grants.provenance == model::Provenance::Unresolvable;
  const std::string_view ignore = name_in(kIgnorePublicAcls, bucket.source);
  if (acl_unknown) {
    if (!(pab.ignore_public_acls.known() && *pab.ignore_public_acls)) {
      v.add_unknown(acl_exposures.front().first, acl_exposures.front().second);
    }
  } else {
    judge(acl_exposures, pab.ignore_public_acls, ignore, v);
  }

  // Policy statements that allow anyone with no condition confining them.
  std::vector<std::pair<std::string, model::Location>> policy_exposures;
  std::vector<std::pair<std::string, model::Location>> policy_maybe;
  if (bucket.policy.is_invalid()) {
    v.add_error("the bucket policy could not be read: " + bucket.policy.note, bucket.policy.where);
  } else if (!bucket.policy.known()) {
    policy_maybe.emplace_back("the bucket policy is known only at deployment" +
                                  (bucket.policy.note.empty() ? "" : " (" + bucket.policy.note + ")"),
                              bucket.policy.where);
  } else {
    for (const model::PolicyStatement& s : *bucket.policy) {
      const std::string name = statement_name(s);
      for (const model::Value<std::string>* unknown : {&s.effect}) {
        if (unknown->is_invalid()) v.add_error(name + ": " + unknown->note, unknown->where);
      }
      if (s.effect.known() && *s.effect != "Allow") continue;
      if (s.principal_everyone.known() && !*s.principal_everyone) continue;
      if (s.principal_everyone.is_invalid()) {
        v.add_error(name + ": " + s.principal_everyone.note, s.principal_everyone.where);
        continue;
      }
      bool confined = false;
      if (s.condition_keys.known()) {
        for (const auto& key : *s.condition_keys) confined = confined || confines(key);
      }
      if (confined) continue;
      if (!s.effect.known() || !s.principal_everyone.known() || !s.condition_keys.known()) {
        policy_maybe.emplace_back(name + " may allow anyone: part of it is known only at deployment", s.where);
        continue;
      }
      const std::string how = s.condition_keys->empty() ? " allows anyone, with no condition"
                                                        : " allows anyone, and none of its condition keys confines it";
      policy_exposures.emplace_back(name + how, s.where);
    }
  }
  const std::string_view restrict = name_in(kRestrictPublicBuckets, bucket.source);
  judge(policy_exposures, pab.restrict_public_buckets, restrict, v);
  for (const auto& [what, where] : policy_maybe) {
    if (!(pab.restrict_public_buckets.known() && *pab.restrict_public_buckets)) v.add_unknown(what, where);
  }

  std::string neutral;
  if (!v.neutralised.empty()) neutral = "; public, but neutralised: " + joined(v.neutralised);
  if (!v.public_.empty()) return {Status::Fail, "the bucket is public: " + joined(v.public_) + neutral, v.public_where};
  if (!v.errors.empty()) return {Status::Error, joined(v.errors), v.error_where};
  if (!v.unknown.empty()) {
    return {Status::Unknown, "the bucket may be public: " + joined(v.unknown) + neutral, v.unknown_where};
  }
  return {Status::Pass, "the bucket is not public: no ACL grant or policy statement opens it to anyone" + neutral,
          bucket.where};
}

const std::string_view kManualFix =
    "turn on the bucket's public access block (all four settings true), and remove or confine the policy "
    "statement or ACL grant the finding names; stance never edits a bucket policy or ACL itself";

}  // namespace stance::rules::ct003
