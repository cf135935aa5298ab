// The signer's building blocks, with expected values worked out by hand or from AWS's documentation
// (the vectors in sigv4_vectors_test.cpp cover whole requests).
#include <gtest/gtest.h>

#include <chrono>

#include "aws/sigv4.hpp"

namespace stance::aws {
namespace {

SigningParams params_at(std::int64_t unix_seconds) {
  SigningParams params;
  params.region = "us-east-1";
  params.service = "service";
  params.time = std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
  return params;
}

TEST(SigV4, Sha256OfEmptyAndKnownText) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(SigV4, HmacSha256Rfc4231Case2) {
  auto mac = hmac_sha256("Jefe", "what do ya want for nothing?");
  EXPECT_EQ(hex(mac.data(), mac.size()), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(SigV4, SigningKeyFromAwsDocumentation) {
  // The worked example of the SigV4 documentation ("Examples of how to derive a signing key").
  auto key = derive_signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
  EXPECT_EQ(hex(key.data(), key.size()), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(SigV4, UriEncodeKeepsOnlyUnreserved) {
  EXPECT_EQ(uri_encode("AZaz09-._~", false), "AZaz09-._~");
  EXPECT_EQ(uri_encode("a b+c=d/e*", false), "a%20b%2Bc%3Dd%2Fe%2A");
  EXPECT_EQ(uri_encode("/a b/", true), "/a%20b/");
  EXPECT_EQ(uri_encode("\xE1\x88\xB4", false), "%E1%88%B4");
}

TEST(SigV4, AmzDateIsUtc) {
  EXPECT_EQ(amz_date(std::chrono::system_clock::time_point(std::chrono::seconds(1440938160))), "20150830T123600Z");
}

TEST(SigV4, CanonicalUriNormalisesAndDoubleEncodes) {
  SigningParams params = params_at(0);
  EXPECT_EQ(canonical_uri("", params), "/");
  EXPECT_EQ(canonical_uri("/a/./b/../c//d/", params), "/a/c/d/");
  EXPECT_EQ(canonical_uri("/a/b/..", params), "/a/");
  EXPECT_EQ(canonical_uri("/../..", params), "/");
  // The wire path is already encoded; non-S3 services sign it encoded once more.
  EXPECT_EQ(canonical_uri("/a%20b", params), "/a%2520b");
  params.normalize_path = false;
  params.double_encode_path = false;
  EXPECT_EQ(canonical_uri("//a/./b%20c", params), "//a/./b%20c");
}

TEST(SigV4, CanonicalQuerySortsByEncodedNameThenValue) {
  EXPECT_EQ(canonical_query_string({}), "");
  EXPECT_EQ(canonical_query_string({{"b", "2"}, {"a", "z"}, {"a", "y"}, {"A", "x"}, {"e", ""}}),
            "A=x&a=y&a=z&b=2&e=");
  EXPECT_EQ(canonical_query_string({{"k y", "v/+="}}), "k%20y=v%2F%2B%3D");
}

TEST(SigV4, HeaderSigningAddsHeadersAndReplacesStaleOnes) {
  HttpRequest request;
  request.method = "POST";
  request.headers = {{"Host", "cloudtrail.us-east-1.amazonaws.com"},
                     {"Authorization", "stale"},
                     {"X-Amz-Date", "19990101T000000Z"},
                     {"User-Agent", "stance"},
                     {"X-Multi", "  a   b  "},
                     {"x-multi", "c"}};
  request.body = "{}";
  Credentials credentials{"AKID", "secret", "token"};
  SigningParams params = params_at(1440938160);
  params.sign_payload_header = true;
  SigningDetails details = sign_request_headers(request, credentials, params);
  EXPECT_EQ(details.signed_headers, "host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-multi");
  EXPECT_NE(details.canonical_request.find("\nx-multi:a b,c\n"), std::string::npos) << details.canonical_request;
  EXPECT_EQ(request.find_header("x-amz-date")->value, "20150830T123600Z");
  EXPECT_EQ(request.find_header("X-Amz-Security-Token")->value, "token");
  EXPECT_EQ(request.find_header("X-AMZ-CONTENT-SHA256")->value, sha256_hex("{}"));
  EXPECT_EQ(request.find_header("authorization")->value, details.authorization);
  int authorizations = 0;
  for (const auto& h : request.headers) authorizations += header_name_equals(h.name, "Authorization");
  EXPECT_EQ(authorizations, 1);
  EXPECT_EQ(details.authorization.rfind("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, "
                                        "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token;"
                                        "x-multi, Signature=",
                                        0),
            0u);
  EXPECT_EQ(details.signature.size(), 64u);
  // Nothing the signer returns carries the secret key.
  EXPECT_EQ(details.canonical_request.find("secret"), std::string::npos);
  EXPECT_EQ(details.string_to_sign.find("secret"), std::string::npos);
  EXPECT_EQ(details.authorization.find("secret"), std::string::npos);
}

TEST(SigV4, OmittedSessionTokenIsSentButNotSigned) {
  HttpRequest request;
  request.headers = {{"Host", "example.amazonaws.com"}};
  SigningParams params = params_at(1440938160);
  params.omit_session_token = true;
  SigningDetails details = sign_request_headers(request, Credentials{"AKID", "secret", "token"}, params);
  EXPECT_EQ(details.signed_headers, "host;x-amz-date");
  ASSERT_NE(request.find_header("X-Amz-Security-Token"), nullptr);
  EXPECT_EQ(request.find_header("X-Amz-Security-Token")->value, "token");
}

TEST(SigV4, SignatureDependsOnEverySignedPart) {
  auto sign = [](auto mutate) {
    HttpRequest request;
    request.method = "POST";
    request.headers = {{"Host", "example.amazonaws.com"}};
    request.body = "x";
    SigningParams params = params_at(1440938160);
    Credentials credentials{"AKID", "secret", ""};
    mutate(request, params, credentials);
    return sign_request_headers(request, credentials, params).signature;
  };
  const std::string base = sign([](HttpRequest&, SigningParams&, Credentials&) {});
  EXPECT_NE(base, sign([](HttpRequest& r, SigningParams&, Credentials&) { r.body = "y"; }));
  EXPECT_NE(base, sign([](HttpRequest& r, SigningParams&, Credentials&) { r.path = "/x"; }));
  EXPECT_NE(base, sign([](HttpRequest& r, SigningParams&, Credentials&) { r.query = {{"a", "b"}}; }));
  EXPECT_NE(base, sign([](HttpRequest&, SigningParams& p, Credentials&) { p.region = "eu-west-1"; }));
  EXPECT_NE(base, sign([](HttpRequest&, SigningParams& p, Credentials&) { p.service = "sts"; }));
  EXPECT_NE(base, sign([](HttpRequest&, SigningParams&, Credentials& c) { c.secret_access_key = "other"; }));
  // User-Agent is not signed: proxies and SDK layers rewrite it.
  EXPECT_EQ(base, sign([](HttpRequest& r, SigningParams&, Credentials&) { r.headers.push_back({"User-Agent", "a"}); }));
}

}  // namespace
}  // namespace stance::aws
