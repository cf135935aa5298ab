#include "sources/cloudformation/suppressions.hpp"

#include "sources/cloudformation/text_functions.hpp"

namespace stance::sources::cloudformation {

namespace {

// A plain string value (no intrinsic: Metadata is not evaluated), trimmed; empty when it is not one.
std::string plain_text(const doc::Node* node) {
  if (!node || !node->is_scalar() || !node->tag.empty() || node->is_null()) return {};
  return std::string(trim(node->text));
}

}  // namespace

std::vector<model::InSourceSuppression> read_suppressions(const doc::Node& resource, Diagnostics& diag) {
  std::vector<model::InSourceSuppression> out;
  const doc::Node* metadata = resource.get("Metadata");
  if (!metadata || !metadata->is_mapping()) return out;
  const doc::Node* stance = metadata->get("stance");
  if (!stance) return out;
  if (!stance->is_mapping()) {
    diag.error("Metadata.stance must be a mapping with a suppress list", stance->mark);
    return out;
  }
  const doc::Node* suppress = stance->get("suppress");
  if (!suppress) return out;
  if (!suppress->is_sequence()) {
    diag.error("Metadata.stance.suppress must be a list of {rule, reason}", suppress->mark);
    return out;
  }
  for (const auto& item : suppress->items) {
    if (!item->is_mapping()) {
      diag.error("a suppression must be a mapping with rule and reason", item->mark);
      continue;
    }
    const std::string rule = plain_text(item->get("rule"));
    const std::string reason = plain_text(item->get("reason"));
    if (rule.empty()) {
      diag.error("suppression without a rule ID (rule: CT-010); it suppresses nothing", item->mark);
      continue;
    }
    if (reason.empty()) {
      diag.error("suppression of " + rule + " without a reason; it suppresses nothing", item->mark);
      continue;
    }
    out.push_back(model::InSourceSuppression{rule, reason, diag.at(item->mark)});
  }
  return out;
}

}  // namespace stance::sources::cloudformation
