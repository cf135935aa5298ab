// Evaluates HCL expressions to Values the way Terraform does before apply. Names come from a Scope
// (for-expression variables, `each`, `count`, dynamic-block iterators) and from the module instance
// (`var.`, `local.`, `module.`, `path.`); references to resources and data sources are Unknown with the
// reason ("aws_kms_key.k.arn is known only after apply"). Functions are called through functions.hpp,
// except try() and can(), which need their arguments unevaluated.
// An error (Terraform would reject the configuration) is reported at its position and gives an Unknown
// value marked `invalid`; inside try()/can() errors are not reported, they select the next argument.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sources/terraform/eval/diagnostics.hpp"
#include "sources/terraform/eval/value.hpp"
#include "sources/terraform/hcl/ast.hpp"

namespace stance::terraform {

class Evaluator;
class FileAccess;

// What a module instance answers for the names that are not in a Scope. `ev` is the evaluator asking (its
// file is where `ref` is written; errors about `ref` go through it).
class References {
 public:
  virtual ~References() = default;
  virtual Value variable(const std::string& name, const hcl::Expression& ref, Evaluator& ev) = 0;
  virtual Value local(const std::string& name, const hcl::Expression& ref, Evaluator& ev) = 0;
  // module.NAME.OUTPUT for a call without count/for_each (the common case, evaluates one output only).
  virtual Value module_output(const std::string& call, const std::string& output, const hcl::Expression& ref,
                              Evaluator& ev) = 0;
  // module.NAME as a whole: an object of outputs, or a list/map of them with count/for_each.
  virtual Value module_object(const std::string& call, const hcl::Expression& ref, Evaluator& ev) = 0;
  virtual bool has_module_call(const std::string& call) const = 0;
  virtual std::string path(std::string_view which) const = 0;  // "module", "root", "cwd"
  // Where the filesystem functions read (the root module's directory, confined to its scan root).
  virtual FileAccess& file_access() = 0;
};

struct Scope {
  const Scope* parent = nullptr;
  std::vector<std::pair<std::string, Value>> names;
  const Value* find(std::string_view name) const;
};

class Evaluator {
 public:
  // `refs` may be null: then only literals, operators and functions are allowed (tfvars files, defaults).
  Evaluator(References* refs, Diagnostics& diag, model::InternedString file)
      : refs_(refs), diag_(diag), file_(file) {}

  Value eval(const hcl::Expression& e, const Scope& scope);
  // Interned: it is the origin of every value evaluated here (Value::at copies a pointer).
  const model::InternedString& file() const { return file_; }

  // Reports an error at `at` (unless inside try/can) and returns the invalid Unknown that stands for it.
  Value error(const hcl::Expression& at, std::string message) { return error_at(at.range, std::move(message)); }
  Value error_at(const hcl::Range& range, std::string message);
  // The error for a value that passed a size limit (`passed` names it: limits.hpp).
  Value too_large(const hcl::Expression& at, const std::string& passed);

 private:
  Value eval_inner(const hcl::Expression& e, const Scope& scope);
  Value eval_template(const hcl::Expression& e, const Scope& scope);
  bool append_parts(const std::vector<hcl::TemplatePart>& parts, const Scope& scope, std::string& out,
                    Value& unknown, const hcl::Expression& owner);
  Value eval_object(const hcl::Expression& e, const Scope& scope);
  Value eval_get_attr(const hcl::Expression& e, const Scope& scope);
  Value eval_index(const hcl::Expression& e, const Value& source, const Value& key);
  Value eval_splat(const hcl::Expression& e, const Scope& scope);
  Value eval_call(const hcl::Expression& e, const Scope& scope);
  Value eval_try(const hcl::Expression& e, const Scope& scope, bool can);
  Value eval_for(const hcl::Expression& e, const Scope& scope);
  Value eval_conditional(const hcl::Expression& e, const Scope& scope);
  Value eval_unary(const hcl::Expression& e, const Scope& scope);
  Value eval_binary(const hcl::Expression& e, const Scope& scope);
  // A traversal rooted at something only known after apply (resources, data sources): nullopt otherwise.
  std::optional<Value> after_apply(const hcl::Expression& e, const Scope& scope);

  References* refs_;
  Diagnostics& diag_;
  model::InternedString file_;
  std::vector<const Value*> splat_items_;
  int try_depth_ = 0;
  bool try_failed_ = false;
  int depth_ = 0;
};

// `e` written back as a traversal for messages: "aws_kms_key.k.arn", "data.x.y[0].id".
std::string traversal_text(const hcl::Expression& e);

}  // namespace stance::terraform
