#include "aws/credentials/fake_http.hpp"

namespace stance::aws::credentials::testing {

namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return 0;
}

std::string decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> SentRequest::form() const {
  std::map<std::string, std::string> out;
  const std::string& body = request.body;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    std::string pair = body.substr(start, end - start);
    std::size_t equals = pair.find('=');
    out[decode(pair.substr(0, equals))] = equals == std::string::npos ? "" : decode(pair.substr(equals + 1));
    start = end + 1;
  }
  return out;
}

std::string SentRequest::header(std::string_view name) const {
  const HttpHeader* found = request.find_header(name);
  return found ? found->value : "";
}

HttpResult respond(long status, std::string body) {
  HttpResult result;
  result.response = HttpResponse{status, {}, std::move(body)};
  return result;
}

HttpResult unreachable(std::string message) {
  HttpResult result;
  result.error = TransportError{TransportError::Kind::Connect, std::move(message)};
  return result;
}

std::string sts_credentials_xml(const std::string& action, const std::string& access_key_id,
                                const std::string& secret, const std::string& token, const std::string& expiration) {
  return "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <" + action +
         "Result>\n    <AssumedRoleUser><Arn>arn:aws:sts::111111111111:assumed-role/Audit/s</Arn>"
         "<AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>\n    <Credentials>\n      <AccessKeyId>" +
         access_key_id + "</AccessKeyId>\n      <SecretAccessKey>" + secret + "</SecretAccessKey>\n      <SessionToken>" +
         token + "</SessionToken>\n      <Expiration>" + expiration + "</Expiration>\n    </Credentials>\n  </" +
         action + "Result>\n  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>\n</" + action +
         "Response>\n";
}

std::string sts_error_xml(const std::string& code, const std::string& message) {
  return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>" + code +
         "</Code><Message>" + message + "</Message></Error><RequestId>r-2</RequestId></ErrorResponse>";
}

}  // namespace stance::aws::credentials::testing
