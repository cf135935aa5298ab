// The parsers of what the live path reads from outside: the query protocol's XML responses (expat), the
// shared config/credentials files (~/.aws/config), the credentials JSON of credential_process, ECS and
// IMDS, STS's AssumeRole result and ISO 8601 times. The first byte picks the parser.
#include <cstddef>
#include <cstdint>
#include <string>

#include "aws/credentials/config_file.hpp"
#include "aws/credentials/credentials_json.hpp"
#include "aws/credentials/sts_providers.hpp"
#include "aws/xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  namespace creds = stance::aws::credentials;
  switch (data[0] % 5) {
    case 0: {
      auto xml = stance::aws::parse_xml(text);
      if (xml.root) (void)xml.root->find("Error");
      break;
    }
    case 1:
      (void)creds::parse_config_file("config", text);
      break;
    case 2: {
      creds::JsonCredentialFields process;
      process.token_field = "SessionToken";
      process.require_version_1 = true;
      process.require_token = false;
      process.require_expiration = false;
      (void)creds::parse_credentials_json(text, process);
      (void)creds::parse_credentials_json(text, creds::JsonCredentialFields{});
      break;
    }
    case 3:
      (void)creds::parse_sts_credentials(text, "AssumeRoleResult");
      break;
    default:
      (void)creds::parse_iso8601(text);
      break;
  }
  return 0;
}
