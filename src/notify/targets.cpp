#include "notify/targets.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "notify/message.hpp"

namespace stance::notify {

namespace {

constexpr std::pair<TargetKind, const char*> kPrefixes[] = {
    {TargetKind::Webhook, "webhook:"}, {TargetKind::Slack, "slack:"}, {TargetKind::Sns, "sns:"}, {TargetKind::Exec, "exec:"}};

// "https://hooks.example.com:8443/a/b?c=d" -> base "https://hooks.example.com:8443", path "/a/b?c=d".
bool split_url(const std::string& url, std::string& base, std::string& path) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  std::size_t path_start = url.find_first_of("/?#", scheme_end + 3);
  base = url.substr(0, path_start);
  path = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (path.front() == '?') path = "/" + path;
  if (auto hash = path.find('#'); hash != std::string::npos) path.resize(hash);
  if (base.size() <= scheme_end + 3) return false;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;  // no spaces or control characters
  }
  return true;
}

}  // namespace

std::string to_text(const Target& target) {
  for (const auto& [kind, prefix] : kPrefixes) {
    if (kind == target.kind) return prefix + target.address;
  }
  return target.address;
}

std::optional<Target> parse_target(const std::string& text) {
  for (const auto& [kind, prefix] : kPrefixes) {
    if (text.rfind(prefix, 0) == 0) return Target{kind, text.substr(std::strlen(prefix))};
  }
  return std::nullopt;
}

std::string validate_target(const Target& target) {
  switch (target.kind) {
    case TargetKind::Webhook:
    case TargetKind::Slack: {
      std::string base, path;
      if (!split_url(target.address, base, path)) {
        return "--webhook: '" + target.address + "' is not an http:// or https:// URL";
      }
      return "";
    }
    case TargetKind::Sns:
      if (target.address.rfind("arn:", 0) != 0 || target.address.find(":sns:") == std::string::npos ||
          arn_region(target.address).empty()) {
        return "--sns-topic: '" + target.address + "' is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)";
      }
      return "";
    case TargetKind::Exec: {
      auto words = split_command(target.address);
      if (!words) return "--exec: unclosed quote in '" + target.address + "'";
      if (words->empty()) return "--exec: empty command";
      return "";
    }
  }
  return "";
}

std::optional<std::vector<std::string>> split_command(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    if (quote == '\'') {
      if (c == '\'') quote = 0;
      else word += c;
      continue;
    }
    if (quote == '"') {
      if (c == '"') quote = 0;
      else if (c == '\\' && i + 1 < command.size() && std::strchr("\"\\$`", command[i + 1])) word += command[++i];
      else word += c;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\'' || c == '"') quote = c;
    else if (c == '\\' && i + 1 < command.size()) word += command[++i];
    else word += c;
  }
  if (quote) return std::nullopt;
  if (in_word) words.push_back(std::move(word));
  return words;
}

Deliverer::Deliverer(std::shared_ptr<stance::aws::HttpClient> http, std::shared_ptr<stance::aws::AwsClient> aws,
                     const kb::KnowledgeBase& kb, std::chrono::milliseconds timeout)
    : http_(std::move(http)), aws_(std::move(aws)), kb_(kb), timeout_(timeout) {}

DeliveryResult Deliverer::deliver(const store::Notification& n) {
  auto target = parse_target(n.target);
  if (!target) return {false, "unknown notification target '" + n.target + "'"};
  switch (target->kind) {
    case TargetKind::Webhook: return webhook(target->address, json_message(n, kb_));
    case TargetKind::Slack: return webhook(target->address, slack_message(n, kb_));
    case TargetKind::Sns: return sns(target->address, n, json_message(n, kb_));
    case TargetKind::Exec: return exec(target->address, json_message(n, kb_));
  }
  return {false, "unknown notification target"};
}

DeliveryResult Deliverer::webhook(const std::string& url, const std::string& body) {
  std::string base, path;
  if (!split_url(url, base, path)) return {false, "not an http(s) URL"};
  if (!http_) return {false, "no HTTP client"};
  stance::aws::HttpRequest request;
  request.method = "POST";
  request.path = path;
  request.headers.push_back({"Content-Type", "application/json"});
  request.headers.push_back({"User-Agent", std::string("stance/") + STANCE_VERSION});
  request.body = body;
  stance::aws::HttpOptions options;
  options.total_timeout = timeout_;
  options.connect_timeout = std::min(options.connect_timeout, timeout_);
  options.max_body_bytes = 1 << 20;
  stance::aws::HttpResult result = http_->send(base, request, options);
  if (!result.ok()) return {false, "POST " + base + ": " + result.error.message};
  if (result.response->status < 200 || result.response->status > 299) {
    return {false, "POST " + base + ": HTTP " + std::to_string(result.response->status)};
  }
  return {true, ""};
}

DeliveryResult Deliverer::sns(const std::string& topic_arn, const store::Notification& n, const std::string& body) {
  if (!aws_) return {false, "sns:Publish: no AWS credentials"};
  std::string subject = summary_line(n);
  // SNS subjects: at most 100 printable ASCII characters, no line breaks.
  for (char& c : subject) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  }
  if (subject.size() > 100) subject.resize(100);
  auto response = aws_->call_query("sns", arn_region(topic_arn), "Publish",
                                   {{"TopicArn", topic_arn}, {"Subject", subject}, {"Message", body}});
  if (!response.ok()) return {false, "sns:Publish " + topic_arn + ": " + response.error->code + ": " + response.error->message};
  return {true, ""};
}

DeliveryResult Deliverer::exec(const std::string& command, const std::string& body) {
  auto words = split_command(command);
  if (!words || words->empty()) return {false, "--exec: not a command: " + command};
  std::vector<char*> argv;
  for (auto& w : *words) argv.push_back(w.data());
  argv.push_back(nullptr);
  int in[2];
  if (pipe2(in, O_CLOEXEC) != 0) return {false, std::string("pipe: ") + std::strerror(errno)};
  const pid_t pid = fork();
  if (pid < 0) {
    close(in[0]);
    close(in[1]);
    return {false, std::string("fork: ") + std::strerror(errno)};
  }
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(2, 1);  // the command's output goes to stance's standard error, never into stance's own output
    signal(SIGPIPE, SIG_DFL);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(in[0]);
  // The message is written whole or the command stopped reading; SIGPIPE is ignored by the watcher.
  std::size_t written = 0;
  while (written < body.size()) {
    ssize_t n = write(in[1], body.data() + written, body.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  close(in[1]);
  const auto deadline = std::chrono::steady_clock::now() + timeout_ * 3;
  int status = 0;
  while (true) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return {false, std::string("waitpid: ") + std::strerror(errno)};
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return {false, "--exec: " + (*words)[0] + " did not finish in time (killed)"};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {true, ""};
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return {false, "--exec: cannot run " + (*words)[0]};
  if (WIFEXITED(status)) return {false, "--exec: " + (*words)[0] + " exited with " + std::to_string(WEXITSTATUS(status))};
  return {false, "--exec: " + (*words)[0] + " was killed by signal " + std::to_string(WTERMSIG(status))};
}

}  // namespace stance::notify
