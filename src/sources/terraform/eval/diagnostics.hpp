// What evaluating a Terraform configuration has to say: errors (Terraform itself would reject the
// configuration, or stance could not read it), warnings and notes (-v). Positions are file + hcl::Pos;
// the source entry point turns them into ScanErrors with file:line:col.
#pragma once
#include <string>
#include <vector>

#include "sources/terraform/hcl/ast.hpp"

namespace stance::terraform {

struct Diagnostic {
  enum class Severity { Error, Warning, Note };
  Severity severity = Severity::Error;
  std::string message;  // Terraform's wording where it has one: "Summary; detail"
  std::string file;
  hcl::Pos pos{0, 0};
};

class Diagnostics {
 public:
  // The same message at the same place is kept once (a module instantiated twice meets the same problem).
  void error(std::string message, const std::string& file, hcl::Pos pos) {
    add(Diagnostic::Severity::Error, std::move(message), file, pos);
  }
  void warning(std::string message, const std::string& file, hcl::Pos pos) {
    add(Diagnostic::Severity::Warning, std::move(message), file, pos);
  }
  void note(std::string message) { add(Diagnostic::Severity::Note, std::move(message), {}, {0, 0}); }

  const std::vector<Diagnostic>& all() const { return list_; }
  std::size_t error_count() const;

 private:
  void add(Diagnostic::Severity severity, std::string message, const std::string& file, hcl::Pos pos);
  std::vector<Diagnostic> list_;
};

}  // namespace stance::terraform
