// STUB
#include "cli/app.hpp"
namespace stance::cli { int run(const std::vector<std::string>&, Streams) { return 0; } }
