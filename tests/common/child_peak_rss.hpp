// Measures the peak memory of a piece of work by running it in a forked child: the parent's own peak
// (earlier tests, gtest) cannot hide the work's, and a runaway allocation dies with the child.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>

namespace stance::testing {

struct ChildRun {
  long baseline_kb = -1;  // the child's peak RSS before `work`
  long peak_kb = -1;      // after it
  int exit_code = -1;     // `work`'s return value, or -1 when the child did not exit normally
  long delta_kb() const { return peak_kb - baseline_kb; }
};

// Runs `work` in a child process and reports the growth of its peak resident set. `work` returns an exit
// code (0 = its own checks passed). Call only from a single-threaded test body.
inline ChildRun run_in_child_measuring_rss(const std::function<int()>& work) {
  ChildRun run;
  int fds[2];
  if (::pipe(fds) != 0) return run;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    rusage before{};
    ::getrusage(RUSAGE_SELF, &before);
    const int code = work();
    rusage after{};
    ::getrusage(RUSAGE_SELF, &after);
    long sizes[2] = {before.ru_maxrss, after.ru_maxrss};
    if (::write(fds[1], sizes, sizeof sizes) != static_cast<ssize_t>(sizeof sizes)) std::_Exit(99);
    std::_Exit(code);
  }
  ::close(fds[1]);
  long sizes[2] = {-1, -1};
  if (::read(fds[0], sizes, sizeof sizes) == static_cast<ssize_t>(sizeof sizes)) {
    run.baseline_kb = sizes[0];
    run.peak_kb = sizes[1];
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  return run;
}

}  // namespace stance::testing
