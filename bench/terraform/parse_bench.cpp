// Parse-only benchmark: parses every file named on the command line (.tf natively, .tf.json with the JSON
// syntax), one at a time, keeping (--keep) or freeing each tree, and prints bytes, seconds, MB/s and the
// peak resident memory. Built by run.sh straight from the parser's sources.
//
// --repeat N parses each file N times. The first parse of a file is "cold": the process touches the memory
// of its syntax tree for the first time, and the kernel's page faults for it (about 13 MB for the 1 MB file)
// cost about as much CPU as the parse itself. The later parses reuse that memory, as a scan of many files
// does; "warm" is the best of them. Both are printed; `seconds` and `MB/s` are the cold figures.
#include <sys/resource.h>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/json/tf_json.hpp"

namespace {

// CPU time, not wall time: the benchmark machines are shared, and the parser is single-threaded.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double mb_per_s(std::size_t bytes, double seconds) {
  return static_cast<double>(bytes) / 1e6 / (seconds > 0 ? seconds : 1e-9);
}

}  // namespace

int main(int argc, char** argv) {
  bool keep = false;
  int repeat = 1;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--keep") == 0) {
      keep = true;
    } else if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      files.emplace_back(argv[i]);
    }
  }
  std::vector<stance::hcl::Body> kept;
  std::size_t bytes = 0;
  double cold = 0;
  double warm = 0;
  int failures = 0;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string text = buf.str();
    bytes += text.size();
    const bool json = file.size() > 8 && file.compare(file.size() - 8, 8, ".tf.json") == 0;
    double best_warm = -1;
    for (int run = 0; run < repeat; ++run) {
      const double t0 = cpu_seconds();
      auto result = json ? stance::tfjson::parse(text, file) : stance::hcl::parse(text, file);
      const double seconds = cpu_seconds() - t0;
      if (run == 0) {
        cold += seconds;
        if (!result.ok()) {
          ++failures;
          std::fprintf(stderr, "%s\n", result.errors.front().to_string().c_str());
        } else if (keep) {
          kept.push_back(std::move(*result.body));
        }
      } else if (best_warm < 0 || seconds < best_warm) {
        best_warm = seconds;
      }
    }
    warm += best_warm;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("files %zu bytes %zu seconds %.4f MB/s %.1f", files.size(), bytes, cold, mb_per_s(bytes, cold));
  if (repeat > 1) std::printf(" warm_seconds %.4f warm_MB/s %.1f", warm, mb_per_s(bytes, warm));
  std::printf(" peak_rss_kb %ld failures %d\n", usage.ru_maxrss, failures);
  return failures == 0 ? 0 : 1;
}
