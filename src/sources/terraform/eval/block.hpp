// A resource's body evaluated: attributes to Values, nested blocks in order, `dynamic` blocks expanded
// (nested ones too, with `iterator`). Meta-arguments (count, for_each, provider, depends_on, lifecycle,
// provisioners) are left out. A dynamic block whose for_each is unknown is recorded as such: how many
// blocks there will be is known only after apply.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "sources/terraform/eval/expression.hpp"

namespace stance::terraform {

struct EvalAttribute {
  Value value;
  hcl::Range name_range;
};

struct EvalBlock {
  std::string type;
  std::string file;
  hcl::Range range;  // the block (for a dynamic block: its `content` block)
  std::map<std::string, EvalAttribute> attributes;
  std::map<std::string, std::vector<EvalBlock>> blocks;
  std::map<std::string, Value> unknown_blocks;  // block type -> why their number is unknown

  const EvalAttribute* attribute(const std::string& name) const;
};

EvalBlock evaluate_block(const hcl::Block& block, Evaluator& ev, const Scope& scope, bool resource);

}  // namespace stance::terraform
