// Running the command line in-process with captured streams, and temporary directories of inputs, for the
// CLI tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"

namespace stance::cli::testing {

struct Run {
  int code;
  std::string out;
  std::string err;
};

// `stdin_text`: what standard input holds (nullptr: none at all).
inline Run stance(std::vector<std::string> args, const char* stdin_text = nullptr, bool out_is_terminal = false) {
  std::ostringstream out, err;
  std::istringstream in(stdin_text ? stdin_text : "");
  Streams streams{out, err, out_is_terminal, false, stdin_text ? &in : nullptr, false};
  int code = run(args, streams);
  return {code, out.str(), err.str()};
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("stance-cli-h-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& name, const std::string& text) const {
    std::filesystem::path p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  std::string read(const std::string& name) const {
    std::ifstream in(path_ / name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  std::string str() const { return path_.string(); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

inline const char* kPassingTemplate = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  GoodTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
)";

inline const char* kFailingTemplate = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  BadTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      EventSelectors:
        - ReadWriteType: ReadOnly
)";

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace stance::cli::testing
