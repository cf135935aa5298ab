// STUB — replaced by the reports work.
#include "report/report.hpp"
namespace stance::report {
void write_text(std::ostream&, const engine::ScanResult&, const kb::KnowledgeBase&, const Options&) {}
void write_json(std::ostream&, const engine::ScanResult&, const kb::KnowledgeBase&, const Options&) {}
void write_sarif(std::ostream&, const engine::ScanResult&, const kb::KnowledgeBase&, const Options&) {}
void write_junit(std::ostream&, const engine::ScanResult&, const kb::KnowledgeBase&, const Options&) {}
void write(Format f, std::ostream& o, const engine::ScanResult& r, const kb::KnowledgeBase& k, const Options& p) {
  switch (f) { case Format::Text: write_text(o, r, k, p); break; case Format::Json: write_json(o, r, k, p); break;
    case Format::Sarif: write_sarif(o, r, k, p); break; case Format::Junit: write_junit(o, r, k, p); break; }
}
}
