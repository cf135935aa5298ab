#include <string>

#include "model/location.hpp"
#include "model/trail.hpp"

namespace stance::model {

std::string to_string(const Location& l) {
  if (l.is_cloud()) return l.arn;
  std::string out = l.file;
  if (l.line > 0) {
    out += ':' + std::to_string(l.line);
    if (l.column > 0) out += ':' + std::to_string(l.column);
  }
  return out;
}

const char* to_string(ReadWriteType type) {
  switch (type) {
    case ReadWriteType::All: return "All";
    case ReadWriteType::ReadOnly: return "ReadOnly";
    case ReadWriteType::WriteOnly: return "WriteOnly";
  }
  return "?";
}

const char* to_string(FieldOperator op) {
  switch (op) {
    case FieldOperator::Equals: return "Equals";
    case FieldOperator::NotEquals: return "NotEquals";
    case FieldOperator::StartsWith: return "StartsWith";
    case FieldOperator::NotStartsWith: return "NotStartsWith";
    case FieldOperator::EndsWith: return "EndsWith";
    case FieldOperator::NotEndsWith: return "NotEndsWith";
  }
  return "?";
}

const char* to_string(SourceKind kind) {
  switch (kind) {
    case SourceKind::CloudFormation: return "cloudformation";
    case SourceKind::Terraform: return "terraform";
    case SourceKind::Aws: return "aws";
    case SourceKind::Snapshot: return "snapshot";
  }
  return "?";
}

}  // namespace stance::model
