// Which URL a service call goes to and which region/name it is signed for. Order, as the AWS SDKs do it:
// --endpoint-url, AWS_ENDPOINT_URL_<SERVICE> (CLOUDTRAIL, STS, EC2, ORGANIZATIONS, S3, S3_CONTROL, KMS),
// AWS_ENDPOINT_URL, then the public endpoint https://<service>.<region>.amazonaws.com (amazonaws.com.cn in
// China regions; s3control is https://s3-control.<region>.amazonaws.com, signed as "s3").
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace stance::aws {

struct ResolvedEndpoint {
  std::string base_url;        // "https://cloudtrail.eu-west-1.amazonaws.com" (no trailing slash)
  std::string host;            // the Host header value (with :port when not default)
  std::string signing_region;  // organizations is signed for us-east-1 wherever it is called from
  std::string signing_name;    // "cloudtrail", "sts", "ec2", "organizations", "s3" (also for s3control), "kms"
  // The URL was configured (--endpoint-url, AWS_ENDPOINT_URL...): S3 then addresses buckets path-style
  // (http://host:port/BUCKET), as the SDKs do, instead of as a sub-domain of the public endpoint.
  bool custom = false;
};

// Whether `region` looks like an AWS region name ("eu-west-1"): regions become part of host names.
bool is_region_name(std::string_view region);

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
