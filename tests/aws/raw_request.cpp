#include "aws/raw_request.hpp"

#include <string>
#include <vector>

namespace stance::aws::test {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// Splits on '\n', dropping a '\r' before it. Returns the lines and where the body starts.
std::string_view next_line(std::string_view text, std::size_t& pos) {
  std::size_t end = text.find('\n', pos);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(pos, end - pos);
  pos = end < text.size() ? end + 1 : text.size();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

HttpRequest parse_raw_request(std::string_view text) {
  HttpRequest request;
  std::size_t pos = 0;
  std::string_view request_line = next_line(text, pos);
  // The target may contain spaces ("GET /example space/ HTTP/1.1"): method up to the first space, version
  // after the last.
  std::size_t first_space = request_line.find(' ');
  std::size_t last_space = request_line.rfind(' ');
  request.method = std::string(request_line.substr(0, first_space));
  std::string_view target = request_line.substr(first_space + 1, last_space - first_space - 1);
  std::size_t question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) {
    std::string_view query = target.substr(question + 1);
    std::size_t start = 0;
    while (start <= query.size()) {
      std::size_t amp = query.find('&', start);
      if (amp == std::string_view::npos) amp = query.size();
      std::string_view param = query.substr(start, amp - start);
      if (!param.empty()) {
        std::size_t eq = param.find('=');
        std::string name = percent_decode(param.substr(0, eq));
        std::string value = eq == std::string_view::npos ? std::string() : percent_decode(param.substr(eq + 1));
        request.query.emplace_back(std::move(name), std::move(value));
      }
      start = amp + 1;
    }
  }
  while (pos < text.size()) {
    std::string_view line = next_line(text, pos);
    if (line.empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !request.headers.empty()) {
      request.headers.back().value += '\n';
      request.headers.back().value += line;
      continue;
    }
    std::size_t colon = line.find(':');
    request.headers.push_back({std::string(line.substr(0, colon)),
                               colon == std::string_view::npos ? std::string() : std::string(line.substr(colon + 1))});
  }
  request.body = std::string(text.substr(pos));
  return request;
}

}  // namespace stance::aws::test
