#include "sources/terraform/eval/diagnostics.hpp"

#include <algorithm>

namespace stance::terraform {

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(
      list_.begin(), list_.end(), [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; }));
}

void Diagnostics::add(Diagnostic::Severity severity, std::string message, const std::string& file, hcl::Pos pos) {
  for (const auto& d : list_) {
    if (d.severity == severity && d.file == file && d.pos == pos && d.message == message) return;
  }
  list_.push_back(Diagnostic{severity, std::move(message), file, pos});
}

}  // namespace stance::terraform
