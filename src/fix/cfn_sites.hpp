// Where in a CloudFormation template a property's value can be changed: the literal at the resource, the
// Default of the parameter it refers to, the mapping entry Fn::FindInMap reads, or the branch of an
// Fn::If whose condition is known. A parameter or mapping is edited only when nothing else in the
// template uses it; otherwise the value is replaced at the resource, and the reason says why.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/document.hpp"
#include "sources/cloudformation/intrinsics.hpp"
#include "sources/cloudformation/template.hpp"

namespace stance::fix {

// An intrinsic function call as written: `!Ref X` or `{Ref: X}`, `!If [...]` or `{Fn::If: [...]}`.
struct Call {
  std::string name;                // without "Fn::": "Ref", "If", "FindInMap", "GetAtt", ...
  const doc::Node* arg = nullptr;  // the argument (for a short-form tag: the tagged node itself)
  bool tagged = false;
  // The argument when it is one plain string (`!Ref X`, `{Ref: X}`), else nullptr.
  const std::string* scalar_arg() const {
    return arg->is_scalar() && (tagged || arg->tag.empty()) ? &arg->text : nullptr;
  }
};
std::optional<Call> as_call(const doc::Node& node);

// A literal collection behind `node`: the node itself, or the chosen branch of Fn::If with a known
// condition (repeatedly). nullptr when the collection is computed otherwise; `why` then says by what.
const doc::Node* literal_collection(const doc::Node& node, sources::cloudformation::Evaluator& evaluator,
                                    std::string* why);

struct ValueSite {
  enum class Kind { Literal, ReplaceAtResource, None };
  Kind kind = Kind::None;
  const doc::Node* node = nullptr;  // Literal: the scalar to rewrite; ReplaceAtResource: the value to replace
  std::string where;                // Literal: where the value lives when not at the resource
  std::string why;                  // ReplaceAtResource / None: why not at the origin / why no edit
};

class SiteFinder {
 public:
  SiteFinder(const sources::cloudformation::Template& tmpl, const sources::cloudformation::Options& options,
             sources::cloudformation::Evaluator& evaluator)
      : t_(tmpl), options_(options), evaluator_(evaluator) {}

  // Where to change `value` (a property's value node) so that it becomes `wanted`.
  ValueSite locate(const doc::Node& value, std::string_view wanted);

  int parameter_uses(const std::string& name) const;  // Refs and ${name} in Fn::Sub, outside Parameters
  int mapping_uses(const std::string& name) const;    // Fn::FindInMap calls that may read the mapping

 private:
  std::optional<std::string> key_value(const doc::Node& node) const;  // a FindInMap key: literal or parameter
  ValueSite parameter_site(const doc::Node& value, const std::string& name, std::string_view wanted);
  ValueSite mapping_site(const doc::Node& value, const Call& call);

  const sources::cloudformation::Template& t_;
  const sources::cloudformation::Options& options_;
  sources::cloudformation::Evaluator& evaluator_;
};

}  // namespace stance::fix
