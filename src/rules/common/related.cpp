#include "rules/common/related.hpp"

namespace stance::rules {

std::string_view name_in(const SourceNames& names, model::SourceKind source) {
  switch (source) {
    case model::SourceKind::CloudFormation: return names.cloudformation;
    case model::SourceKind::Terraform: return names.terraform;
    case model::SourceKind::Aws:
    case model::SourceKind::Snapshot: return names.api;
  }
  return names.api;
}

CheckOutcome require_flag(const model::Value<bool>& flag, std::string_view name, std::string_view passes,
                          std::string_view fails) {
  const std::string n(name);
  if (flag.is_invalid()) return {Status::Error, n + " could not be read: " + flag.note, flag.where};
  if (!flag.known()) {
    return {Status::Unknown, n + " is known only at deployment" + (flag.note.empty() ? "" : " (" + flag.note + ")"),
            flag.where};
  }
  if (*flag) return {Status::Pass, std::string(passes), flag.where};
  const std::string why = flag.is_defaulted() ? n + " is not set (default false)" : n + " is false";
  return {Status::Fail, std::string(fails) + ": " + why, flag.where};
}

}  // namespace stance::rules
