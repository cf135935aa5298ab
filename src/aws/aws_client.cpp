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
  if (service == "kms") return "TrentService";
  if (service == "sqs") return "AmazonSQS";  // stance watch --queue: ReceiveMessage, DeleteMessage
  return "";
}

bool valid_region(const std::string& region) { return is_region_name(region); }

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
  if (error.code.empty() && response.body.empty()) {
    // S3 answers some errors without a body (HEAD requests, some redirects): name them by their status.
    if (response.status == 301) error.code = "PermanentRedirect";
    if (response.status == 307) error.code = "TemporaryRedirect";
    if (response.status == 403) error.code = "AccessDenied";
    if (response.status == 404) error.code = "NotFound";
    if (!error.code.empty()) error.message = "HTTP " + std::to_string(response.status) + " without a body";
  }
  if (error.code.empty()) {
    error.code = response.status >= 500 ? "InternalFailure" : "HttpError";
    error.message = "HTTP " + std::to_string(response.status) + ": " + printable_excerpt(response.body);
  }
  return error;
}

// S3 names the bucket's region in the x-amz-bucket-region header of a redirect, or in the <Region> of an
// AuthorizationHeaderMalformed error; kept in the headers so call_s3 can follow it.
void remember_error_region(AwsResponse& out, const std::string& body) {
  for (const auto& h : out.headers) {
    if (header_name_equals(h.name, "x-amz-bucket-region")) return;
  }
  XmlParseResult xml = parse_xml(body);
  if (!xml.root) return;
  const XmlElement* e = xml.root->name == "Error" ? &*xml.root : xml.root->find("Error");
  if (std::string region = e ? e->text_at({"Region"}) : ""; !region.empty()) {
    out.headers.push_back({"x-amz-bucket-region", region});
  }
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
  return send(service, region, std::move(request), options, Protocol::Json);
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
  return send(service, region, std::move(request), options, Protocol::Query);
}

AwsResponse AwsClient::send(const std::string& service, const std::string& region, HttpRequest request,
                            const CallOptions& options, Protocol protocol) {
  if (!valid_region(region)) {
    AwsResponse out;
    out.error = AwsError{"InvalidRegion", "'" + printable_excerpt(region) + "' is not an AWS region name", 0};
    return out;
  }
  return send_to(endpoints_.resolve(service, region), std::move(request), options, protocol);
}

AwsResponse AwsClient::send_to(const ResolvedEndpoint& endpoint, HttpRequest request, const CallOptions& options,
                               Protocol protocol) {
  AwsResponse out;
  out.region = endpoint.signing_region;
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
      if (protocol == Protocol::RestXml) {
        // S3's SigV4: the path as sent, and the payload hash in x-amz-content-sha256.
        params.normalize_path = false;
        params.double_encode_path = false;
        params.sign_payload_header = true;
      }
      sign_request_headers(signed_request, *creds.credentials, params);
    }
    if (options.before_attempt) options.before_attempt();
    ++requests_sent_;
    HttpResult result = http_->send(endpoint.base_url, signed_request, http_options_);
    if (result.ok() && protocol == Protocol::RestXml) out.headers = result.response->headers;
    if (result.ok() && result.response->status >= 200 && result.response->status < 300) {
      out.body = std::move(result.response->body);
      out.error.reset();
      return out;
    }
    out.error = !result.ok()                  ? transport_error(result.error)
                : protocol == Protocol::Json ? decode_json_error(*result.response)
                                             : decode_xml_error(*result.response);
    if (protocol == Protocol::RestXml && result.ok()) remember_error_region(out, result.response->body);
    if (!is_retryable(out.error->code, out.error->http_status) || attempt >= retry_.max_attempts) return out;
    const auto delay = backoff_delay(retry_, attempt);
    if (Clock::now() - started + delay > retry_.total_budget) return out;
    std::this_thread::sleep_for(delay);
  }
}

}  // namespace stance::aws
