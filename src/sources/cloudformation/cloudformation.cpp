// STUB — replaced by the CloudFormation work.
#include "sources/cloudformation/cloudformation.hpp"
namespace stance::sources::cloudformation {
bool is_candidate(const std::filesystem::path&) { return false; }
SourceResult scan_file(const std::string&, const Options&) { return {}; }
SourceResult scan_text(std::string_view, const std::string&, const Options&) { return {}; }
ParameterFile load_parameter_file(const std::string&) { return {}; }
}
