// The dispatcher: one entry point for the CLI; each format lives in its own file.
#include "report/report.hpp"

namespace stance::report {

void write(Format format, std::ostream& out, const engine::ScanResult& result, const kb::KnowledgeBase& kb,
           const Options& options) {
  switch (format) {
    case Format::Text: write_text(out, result, kb, options); break;
    case Format::Json: write_json(out, result, kb, options); break;
    case Format::Sarif: write_sarif(out, result, kb, options); break;
    case Format::Junit: write_junit(out, result, kb, options); break;
  }
}

}  // namespace stance::report
