#include "report/golden.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

namespace stance::report::testing {

namespace {

std::string golden_path(const std::string& name) {
  return std::string(STANCE_SOURCE_DIR) + "/tests/report/golden/" + name;
}

bool updating() {
  const char* flag = std::getenv("STANCE_UPDATE_GOLDEN");
  return flag && std::string_view(flag) == "1";
}

}  // namespace

void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = golden_path(name);
  if (updating()) {
    std::ofstream out(path, std::ios::binary);
    out << actual;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    std::cout << "[ UPDATED  ] " << path << " — read it before committing\n";
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden file " << path << " (create it with STANCE_UPDATE_GOLDEN=1)";
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "output differs from " << path
                                    << " (if the change is intended: STANCE_UPDATE_GOLDEN=1, then review)";
}

}  // namespace stance::report::testing
