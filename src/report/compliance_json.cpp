#include "report/compliance_json.hpp"

#include "report/support.hpp"

namespace stance::report::detail {

void write_compliance(json::Writer& w, const std::vector<engine::FrameworkSummary>& frameworks) {
  w.begin_array();
  for (const engine::FrameworkSummary& fw : frameworks) {
    w.begin_object();
    w.field("framework", fw.id);
    w.field("name", fw.name);
    if (!fw.version.empty()) w.field("version", fw.version);
    w.key("summary").begin_object();
    for (engine::ControlStatus status : kControlStatuses) w.field(engine::to_string(status), fw.count(status));
    w.end_object();
    w.key("controls").begin_array();
    for (const engine::ControlSummary& c : fw.controls) {
      w.begin_object();
      w.field("id", c.id);
      w.field("title", c.title);
      w.field("status", engine::to_string(c.status));
      w.key("rules").begin_array();
      for (const std::string& rule : c.rule_ids) w.value(rule);
      w.end_array();
      w.field("pass", c.pass);
      w.field("fail", c.fail);
      w.field("unknown", c.unknown);
      w.field("error", c.error);
      w.field("suppressed", c.suppressed);
      if (!c.note.empty()) w.field("note", c.note);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

}  // namespace stance::report::detail
