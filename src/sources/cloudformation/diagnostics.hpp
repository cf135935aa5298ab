// Where the CloudFormation reader puts what it has to say about one file: errors (the file cannot be read
// completely), warnings (read, with a caveat) and notes (-v only). Positions are document marks; this
// turns them into file:line:col locations.
#pragma once

#include <string>
#include <string_view>

#include "common/document.hpp"
#include "sources/source.hpp"

namespace stance::sources::cloudformation {

class Diagnostics {
 public:
  Diagnostics(std::string file, SourceResult& out) : file_(std::move(file)), out_(out) {}

  const std::string& file() const { return file_; }
  model::Location at(doc::Mark mark) const { return model::Location::in_file(file_, mark.line, mark.column); }

  // The same message at the same position is reported once (both branches of an unknown Fn::If may meet
  // the same problem).
  void error(std::string message, doc::Mark mark);
  void warning(std::string message, doc::Mark mark);
  void note(std::string text);
  // A template defect that is an error only when it can hide a trail (`affects_trails`); otherwise the
  // file was read completely for stance's purposes and the defect is a warning — stance is not a linter.
  void defect(bool affects_trails, std::string message, doc::Mark mark);

  std::size_t error_count() const { return out_.errors.size(); }

 private:
  std::string file_;
  SourceResult& out_;
};

}  // namespace stance::sources::cloudformation
