// Golden files: expected outputs kept in tests/report/golden/ and checked by hand.
//
// To regenerate them after an intended change to a format:
//   STANCE_UPDATE_GOLDEN=1 ctest --test-dir BUILD -R report
// then read every changed file (`git diff tests/report/golden`) before committing it.
#pragma once

#include <string>

namespace stance::report::testing {

// Compares `actual` with tests/report/golden/<name> (a test failure with a diff when they differ), or
// rewrites the golden file when STANCE_UPDATE_GOLDEN=1.
void expect_golden(const std::string& name, const std::string& actual);

}  // namespace stance::report::testing
