// Reads the raw HTTP requests of the SigV4 test suites (aws-c-auth request.txt, botocore .req) into an
// HttpRequest: "METHOD target HTTP/1.1", header lines (an indented line continues the previous header, as in
// the obsolete folded form the suites test), a blank line, then the body to the end of the file.
#pragma once
#include <string_view>

#include "aws/http_request.hpp"

namespace stance::aws::test {

// The target's path is kept as written (the suites write it unencoded); its query is split on '&' and '='
// and percent-decoded, since HttpRequest holds decoded parameters.
HttpRequest parse_raw_request(std::string_view text);

}  // namespace stance::aws::test
