// Fuzzes the Terraform plan loader (`stance scan plan.json`): any bytes must be claimed or not, read or
// reported with a position, never crash, hang or leak. Where both JSON parsers accept the input, the fast
// outline (simdjson) and the positioned tree must agree on whether it is a plan and which trails it has.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/document.hpp"
#include "sources/terraform/plan/outline.hpp"
#include "sources/terraform/plan/plan.hpp"

namespace plan = stance::sources::terraform::plan;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  const plan::PlanInput input = plan::read_plan_file(text, "fuzz.json");
  if (!input.claimed && (!input.result.trails.empty() || !input.result.errors.empty())) std::abort();
  for (const auto& error : input.result.errors) {
    if (error.location.file != "fuzz.json" || error.message.empty()) std::abort();
    // An exception caught at the top (the "internal error while ..." message); names from the input,
    // such as a resource address, may contain any words.
    if (error.message.starts_with("internal error while")) std::abort();
  }
  for (const auto& trail : input.result.trails) {
    if (trail.id.empty() || trail.where.line < 1 || trail.where.column < 1) std::abort();
  }

  const plan::FastOutline fast = plan::outline_of_text(text);
  const stance::doc::ParseResult tree = stance::doc::parse(text, stance::doc::Syntax::Json);
  if (fast.outline && tree.document && tree.document->root) {
    const auto slow = plan::outline_of_tree(*tree.document->root);
    if (slow.is_plan() != fast.outline->is_plan()) std::abort();
    if (slow.trails.size() != fast.outline->trails.size()) std::abort();
    for (std::size_t i = 0; i < slow.trails.size(); ++i) {
      // Each fragment starts where the tree's resource does.
      const auto& fragment = fast.outline->trails[i];
      if (fragment.text.empty() || fragment.text.front() != '{' || fragment.text.back() != '}') std::abort();
    }
  }
  return 0;
}
