// One AWS call: resolve the endpoint, sign, send, decode the error, retry what is worth retrying.
#include "aws/aws_client.hpp"

#include <simdjson.h>

#include <chrono>
#include <thread>

#include "aws/sigv4.hpp"
#include "aws/xml.hpp"

namespace stance::aws {

namespace {

using Clock = std::chrono::steady_clock;

// API versions of the query-protocol services.
std::string query_version(const std::string& service) {
  if (service == "sts") return "2011-06-15";
  if (service == "ec2") return "2016-11-15";
  if (service == "sns") return "2010-03-31";  // stance watch --sns-topic: Publish
  return "";
}

// JSON 1.1 X-Amz-Target prefixes.
std::string json_target_prefix(const std::string& service) {
  if (service == "cloudtrail") return "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
  if (service == "organizations") return "AWSOrganizationsV20161128";
  if (service == "sqs") return "AmazonSQS";  // stance watch --queue: ReceiveMessage, DeleteMessage
  return "";
}

// Regions become part of a host name: accept only what AWS region names look like.
bool valid_region(const std::string& region) {
  if (region.empty() || region.size() > 32) return false;
  for (char c : region) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// "com.amazonaws.cloudtrail.v20131101#TrailNotFoundException" or "ThrottlingException:http://..." -> the name.
std::string bare_error_code(std::string code) {
  if (auto hash = code.rfind('#'); hash != std::string::npos) code.erase(0, hash + 1);
  if (auto colon = code.find(':'); colon != std::string::npos) code.resize(colon);
  return code;
}

std::string printable_excerpt(const std::string& body) {
  std::string out;
  for (char c : body.substr(0, 200)) out += (c >= 0x20 && c < 0x7f) ? c : ' ';
  return out;
}

AwsError decode_json_error(const HttpResponse& response) {
  AwsError error;
  error.http_status = static_cast<int>(response.status);
  if (const HttpHeader* type = response.find_header("x-amzn-ErrorType")) error.code = bare_error_code(type->value);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (!response.body.empty() && !parser.parse(response.body).get(doc) && doc.is_object()) {
    std::string_view text;
    if (error.code.empty() && !doc["__type"].get(text)) error.code = bare_error_code(std::string(text));
    if (!doc["message"].get(text) || !doc["Message"].get(text)) error.message = std::string(text);
  }
  if (error.code.empty()) {
    error.code = response.status >= 500 ? "InternalFailure" : "HttpError";
    if (error.message.empty()) error.message = "HTTP " + std::to_string(response.status) + ": " + printable_excerpt(response.body);
  }
  return error;
}

AwsError decode_xml_error(const HttpResponse& response) {
  AwsError error;
  error.http_status = static_cast<int>(response.status);
  XmlParseResult xml = parse_xml(response.body);
  if (xml.root) {
    const XmlElement* e = xml.root->name == "Error" ? &*xml.root : xml.root->find("Error");
    if (e) {
      error.code = e->text_at({"Code"});
      error.message = e->text_at({"Message"});
    }
  }
  if (error.code.empty()) {
    error.code = response.status >= 500 ? "InternalFailure" : "HttpError";
    error.message = "HTTP " + std::to_string(response.status) + ": " + printable_excerpt(response.body);
  }
  return error;
}

AwsError transport_error(const TransportError& e) {
  switch (e.kind) {
    case TransportError::Kind::Timeout: return {"RequestTimeout", e.message, 0};
    case TransportError::Kind::Truncated: return {"TruncatedResponse", e.message, 0};
    case TransportError::Kind::Tls: return {"TlsError", e.message, 0};
    case TransportError::Kind::TooLarge: return {"ResponseTooLarge", e.message, 0};
    case TransportError::Kind::Connect:
    case TransportError::Kind::Other: break;
  }
  return {"ConnectionError", e.message, 0};
}

}  // namespace

AwsClient::AwsClient(std::shared_ptr<HttpClient> http, std::shared_ptr<CredentialProvider> credentials,
                     Endpoints endpoints, RetryPolicy retry, HttpOptions http_options)
    : http_(std::move(http)),
      credentials_(std::move(credentials)),
      endpoints_(std::move(endpoints)),
      retry_(retry),
      http_options_(http_options) {}

AwsResponse AwsClient::call_json(const std::string& service, const std::string& region,
                                 const std::string& operation, const std::string& json_body,
                                 const CallOptions& options) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/";
  // SQS speaks the same protocol as JSON 1.0 (its errors carry the same __type).
  request.headers.push_back({"Content-Type", service == "sqs" ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1"});
  request.headers.push_back({"X-Amz-Target", json_target_prefix(service) + "." + operation});
  request.body = json_body.empty() ? "{}" : json_body;
  return send(service, region, std::move(request), options, true);
}

AwsResponse AwsClient::call_query(const std::string& service, const std::string& region, const std::string& action,
                                  const std::vector<QueryParam>& params, const CallOptions& options) {
  std::vector<QueryParam> form = {{"Action", action}, {"Version", query_version(service)}};
  form.insert(form.end(), params.begin(), params.end());
  HttpRequest request;
  request.method = "POST";
  request.path = "/";
  request.headers.push_back({"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"});
  request.body = canonical_query_string(form);
  return send(service, region, std::move(request), options, false);
}

AwsResponse AwsClient::send(const std::string& service, const std::string& region, HttpRequest request,
                            const CallOptions& options, bool json_protocol) {
  AwsResponse out;
  if (!valid_region(region)) {
    out.error = AwsError{"InvalidRegion", "'" + printable_excerpt(region) + "' is not an AWS region name", 0};
    return out;
  }
  const ResolvedEndpoint endpoint = endpoints_.resolve(service, region);
  request.set_header("Host", endpoint.host);
  request.set_header("User-Agent", std::string("stance/") + STANCE_AWS_VERSION);

  const auto started = Clock::now();
  for (int attempt = 1;; ++attempt) {
    out.attempts = attempt;
    HttpRequest signed_request = request;
    if (options.sign) {
      CredentialsResult creds = credentials_ ? credentials_->get() : CredentialsResult{{}, "no credentials", {}};
      if (!creds.credentials) {
        out.error = AwsError{"CredentialsError", creds.error, 0};
        return out;
      }
      SigningParams params;
      params.region = endpoint.signing_region;
      params.service = endpoint.signing_name;
      params.time = std::chrono::system_clock::now();
      sign_request_headers(signed_request, *creds.credentials, params);
    }
    if (options.before_attempt) options.before_attempt();
    ++requests_sent_;
    HttpResult result = http_->send(endpoint.base_url, signed_request, http_options_);
    if (result.ok() && result.response->status >= 200 && result.response->status < 300) {
      out.body = std::move(result.response->body);
      out.error.reset();
      return out;
    }
    out.error = !result.ok() ? transport_error(result.error)
                : json_protocol ? decode_json_error(*result.response)
                                : decode_xml_error(*result.response);
    if (!is_retryable(out.error->code, out.error->http_status) || attempt >= retry_.max_attempts) return out;
    const auto delay = backoff_delay(retry_, attempt);
    if (Clock::now() - started + delay > retry_.total_budget) return out;
    std::this_thread::sleep_for(delay);
  }
}

}  // namespace stance::aws
