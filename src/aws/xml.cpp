#include "aws/xml.hpp"

#include <expat.h>

#include <fmt/format.h>

namespace stance::aws {

const XmlElement* XmlElement::child(std::string_view child_name) const {
  for (const auto& c : children) {
    if (c.name == child_name) return &c;
  }
  return nullptr;
}

const XmlElement* XmlElement::path(std::initializer_list<std::string_view> names) const {
  const XmlElement* at = this;
  for (auto step : names) {
    at = at->child(step);
    if (!at) return nullptr;
  }
  return at;
}

const XmlElement* XmlElement::find(std::string_view element_name) const {
  for (const auto& c : children) {
    if (c.name == element_name) return &c;
    if (const XmlElement* below = c.find(element_name)) return below;
  }
  return nullptr;
}

std::string XmlElement::text_at(std::initializer_list<std::string_view> names) const {
  const XmlElement* at = path(names);
  return at ? at->text : std::string();
}

namespace {

struct Builder {
  std::vector<XmlElement> stack;
  std::optional<XmlElement> root;
};

std::string local_name(const char* name) {
  std::string_view n(name);
  // expat is created with a namespace separator of '|': "uri|local".
  if (auto bar = n.rfind('|'); bar != std::string_view::npos) n.remove_prefix(bar + 1);
  return std::string(n);
}

void on_start(void* user, const XML_Char* name, const XML_Char**) {
  auto* b = static_cast<Builder*>(user);
  b->stack.push_back(XmlElement{local_name(name), {}, {}});
}

void on_end(void* user, const XML_Char*) {
  auto* b = static_cast<Builder*>(user);
  XmlElement done = std::move(b->stack.back());
  b->stack.pop_back();
  if (b->stack.empty()) {
    b->root = std::move(done);
  } else {
    b->stack.back().children.push_back(std::move(done));
  }
}

void on_text(void* user, const XML_Char* text, int length) {
  auto* b = static_cast<Builder*>(user);
  if (!b->stack.empty()) b->stack.back().text.append(text, static_cast<size_t>(length));
}

}  // namespace

XmlParseResult parse_xml(std::string_view text) {
  XmlParseResult result;
  Builder builder;
  XML_Parser parser = XML_ParserCreateNS(nullptr, '|');
  if (!parser) {
    result.error = "could not create the XML parser";
    return result;
  }
  XML_SetUserData(parser, &builder);
  XML_SetElementHandler(parser, on_start, on_end);
  XML_SetCharacterDataHandler(parser, on_text);
  // Responses come from AWS (or a test endpoint): no DTDs, no external entities.
  XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
  if (XML_Parse(parser, text.data(), static_cast<int>(text.size()), XML_TRUE) == XML_STATUS_ERROR) {
    result.error = fmt::format("line {}, column {}: {}", XML_GetCurrentLineNumber(parser),
                               XML_GetCurrentColumnNumber(parser) + 1, XML_ErrorString(XML_GetErrorCode(parser)));
  } else if (!builder.root) {
    result.error = "no root element";
  } else {
    result.root = std::move(builder.root);
  }
  XML_ParserFree(parser);
  return result;
}

}  // namespace stance::aws
