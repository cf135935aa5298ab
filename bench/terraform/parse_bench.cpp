// Parse-only benchmark: parses every file named on the command line (.tf natively, .tf.json with the JSON
// syntax), one at a time, keeping (--keep) or freeing each tree, and prints bytes, seconds, MB/s and the
// peak resident memory. Built by run.sh straight from the parser's sources.
#include <sys/resource.h>

#include <time.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/json/tf_json.hpp"

int main(int argc, char** argv) {
  bool keep = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--keep") == 0) {
      keep = true;
    } else {
      files.emplace_back(argv[i]);
    }
  }
  std::vector<stance::hcl::Body> kept;
  std::size_t bytes = 0;
  double seconds = 0;
  int failures = 0;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string text = buf.str();
    bytes += text.size();
    // CPU time, not wall time: the benchmark machines are shared, and the parser is single-threaded.
    timespec t0{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    const bool json = file.size() > 8 && file.compare(file.size() - 8, 8, ".tf.json") == 0;
    auto result = json ? stance::tfjson::parse(text, file) : stance::hcl::parse(text, file);
    timespec t1{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    seconds += static_cast<double>(t1.tv_sec - t0.tv_sec) + static_cast<double>(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (!result.ok()) {
      ++failures;
      std::fprintf(stderr, "%s\n", result.errors.front().to_string().c_str());
    } else if (keep) {
      kept.push_back(std::move(*result.body));
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("files %zu bytes %zu seconds %.4f MB/s %.1f peak_rss_kb %ld failures %d\n", files.size(), bytes,
              seconds, static_cast<double>(bytes) / 1e6 / (seconds > 0 ? seconds : 1e-9), usage.ru_maxrss,
              failures);
  return failures == 0 ? 0 : 1;
}
