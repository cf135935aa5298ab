// Which URL a service call goes to and which region/name it is signed for. Order, as the AWS SDKs do it:
// --endpoint-url, AWS_ENDPOINT_URL_<SERVICE> (CLOUDTRAIL, STS, EC2, ORGANIZATIONS), AWS_ENDPOINT_URL, then
// the public endpoint https://<service>.<region>.amazonaws.com (amazonaws.com.cn in China regions).
#pragma once
#include <map>
#include <string>

namespace stance::aws {

struct ResolvedEndpoint {
  std::string base_url;        // "https://cloudtrail.eu-west-1.amazonaws.com" (no trailing slash)
  std::string host;            // the Host header value (with :port when not default)
  std::string signing_region;  // organizations is signed for us-east-1 wherever it is called from
  std::string signing_name;    // "cloudtrail", "sts", "ec2", "organizations"
};

class Endpoints {
 public:
  // Reads AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> from the environment. override_url: --endpoint-url.
  static Endpoints from_environment(std::string override_url = {});

  ResolvedEndpoint resolve(const std::string& service, const std::string& region) const;

  std::string override_url;                          // applies to every service
  std::map<std::string, std::string> service_urls;   // service -> URL, from AWS_ENDPOINT_URL_<SERVICE>
  std::string global_url;                            // AWS_ENDPOINT_URL
};

}  // namespace stance::aws
