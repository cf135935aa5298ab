// JSON rendering of articles, for tools that build on stance's knowledge base (docs generators, portals).
// Field names follow rule.yaml; `risk` is the lower-case severity used in scan output, `risk_label` the
// article's own spelling.
#include "common/json_writer.hpp"
#include "kb/render.hpp"
#include "kb/render_parts.hpp"

namespace stance::kb {

namespace {

void strings(json::Writer& w, std::string_view key, const std::vector<std::string>& values) {
  w.key(key).begin_array();
  for (const std::string& v : values) w.value(v);
  w.end_array();
}

void snippets(json::Writer& w, std::string_view key, const std::vector<Snippet>& list) {
  w.key(key).begin_array();
  for (const Snippet& s : list) {
    w.begin_object().field("kind", s.kind).field("title", s.title);
    if (!s.note.empty()) w.field("note", s.note);
    const std::string_view language = snippet_language(s.kind);
    if (!language.empty()) w.field("language", language);
    w.field("text", s.text).end_object();
  }
  w.end_array();
}

void article_object(json::Writer& w, const Article& a) {
  w.begin_object();
  w.field("id", a.id).field("title", a.title).field("service", a.service);
  w.field("risk", rules::to_string(a.risk)).field("risk_label", a.risk_label);
  strings(w, "resource_types", a.resource_types);
  w.field("summary", a.summary).field("rationale", a.rationale);
  if (!a.evaluation.empty()) w.field("evaluation", a.evaluation);
  snippets(w, "audit", a.audit);
  snippets(w, "remediation", a.remediation);
  w.key("settings").begin_array();
  for (const Setting& s : a.settings) {
    w.begin_object().field("name", s.name).field("type", s.type);
    w.key("default");
    if (s.type == "bool") {
      w.value(s.default_value == "true");
    } else {
      w.value(s.default_value);
    }
    w.field("description", s.description).end_object();
  }
  w.end_array();
  w.key("compliance").begin_array();
  for (const ComplianceRef& c : a.compliance) {
    w.begin_object().field("framework", c.framework).field("controls", c.controls).end_object();
  }
  w.end_array();
  w.key("equivalents").begin_array();
  for (const Equivalent& e : a.equivalents) {
    w.begin_object().field("tool", e.tool).field("control", e.control).field("difference", e.difference).end_object();
  }
  w.end_array();
  strings(w, "references", a.references);
  w.field("source", a.source);
  w.end_object();
}

}  // namespace

namespace detail {
void json_snippets(json::Writer& w, std::string_view key, const std::vector<Snippet>& list) { snippets(w, key, list); }
}  // namespace detail

void render_article_json(std::ostream& out, const Article& article) {
  json::Writer w(out);
  article_object(w, article);
  w.finish();
}

void render_list_json(std::ostream& out, const KnowledgeBase& kb) {
  json::Writer w(out);
  w.begin_object().field("schema_version", 1);
  w.key("articles").begin_array();
  for (const Article& a : kb.articles()) {
    w.begin_object().field("id", a.id).field("title", a.title).field("service", a.service);
    w.field("risk", rules::to_string(a.risk)).field("risk_label", a.risk_label);
    strings(w, "resource_types", a.resource_types);
    w.end_object();
  }
  w.end_array().end_object();
  w.finish();
}

}  // namespace stance::kb
