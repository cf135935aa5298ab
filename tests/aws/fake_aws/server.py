#!/usr/bin/python3
"""fake_aws: a local AWS endpoint for stance's live-path tests.

Speaks the real wire protocols (CloudTrail and Organizations over JSON 1.1, STS and EC2 over the query
protocol with XML responses), verifies SigV4 signatures with botocore (independently of stance's C++ signer),
serves the EC2 IMDSv2 and ECS container credential endpoints, and injects faults on request.

    /usr/bin/python3 -I server.py --state STATE.json [--port 0]

Prints "PORT <n>" on its own line when ready; exits when stdin closes or on SIGTERM.
README.md beside this file documents the state format, the faults and the control endpoints.
Never prints or records a secret key or a session token.
"""
import argparse
import base64
import calendar
import copy
import datetime
import hashlib
import json
import os
import re
import secrets
import signal
import socket
import string
import struct
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape as xml_escape

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest, HTTPHeaders
from botocore.credentials import Credentials

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kms  # noqa: E402 — the services of the trail's bucket and key live in their own modules
import s3  # noqa: E402
import events  # noqa: E402  CloudTrail LookupEvents (stance watch)
import sns  # noqa: E402  SNS Publish (stance watch --sns-topic)
import sqs  # noqa: E402  SQS ReceiveMessage/DeleteMessage (stance watch --queue)

events.LISTENERS.append(sqs.forward)

CLOUDTRAIL_TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."
ORGANIZATIONS_TARGET = "AWSOrganizationsV20161128."
STS_VERSION = "2011-06-15"
EC2_VERSION = "2016-11-15"
STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/"
JSON_CONTENT_TYPE = "application/x-amz-json-1.1"

# The regions enabled in every account (no opt-in needed) and the opt-in ones DescribeRegions
# AllRegions=true lists as not-opted-in.
DEFAULT_REGIONS = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1",
    "eu-west-2", "eu-west-3", "eu-north-1", "sa-east-1",
]
OPT_IN_REGIONS = [
    "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ca-west-1", "eu-central-2",
    "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1",
]

SIGNATURE_MISMATCH = ("The request signature we calculated does not match the signature you provided. "
                      "Check your AWS Secret Access Key and signing method. Consult the service documentation "
                      "for details.")
INVALID_TOKEN = "The security token included in the request is invalid."
EXPIRED_TOKEN = "The security token included in the request is expired"
CLOCK_SKEW_SECONDS = 15 * 60
FAULT_KINDS = ("latency", "throttle", "server_error", "timeout", "truncate", "access_denied", "reset")
TRAIL_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$")
TRAIL_ARN_RE = re.compile(r"^arn:aws[a-z-]*:cloudtrail:([a-z0-9-]+):(\d{12}):trail/(.+)$")
ROLE_ARN_RE = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):role/(?:.*/)?([\w+=,.@-]+)$")
SESSION_NAME_RE = re.compile(r"^[\w+=,.@-]{2,64}$")
# Fields of a trail in the state that are not DescribeTrails fields.
TRAIL_PRIVATE_KEYS = ("EventSelectors", "AdvancedEventSelectors", "Status", "raw_selectors")
STATUS_TIME_FIELDS = ("LatestDeliveryTime", "LatestNotificationTime", "StartLoggingTime", "StopLoggingTime",
                      "LatestCloudWatchLogsDeliveryTime", "LatestDigestDeliveryTime")


class AwsError(Exception):
    """An error answer. `kind` names auth-layer errors whose code depends on the protocol."""

    def __init__(self, code, message, status=400, kind=None):
        super().__init__(code)
        self.code, self.message, self.status, self.kind = code, message, status, kind


def auth_error(kind, message=None):
    return AwsError(kind, message, kind=kind)


def now_epoch():
    return time.time()


def iso8601(epoch):
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value):
    """ISO 8601 UTC string or epoch number -> epoch seconds."""
    if isinstance(value, (int, float)):
        return float(value)
    text = value.replace("Z", "+00:00")
    parsed = datetime.datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed.timestamp()


RELATIVE_TIME_RE = re.compile(r"^now(?:([+-])(\d+(?:\.\d+)?)([smhd]))?$")
RELATIVE_TIME_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def status_time(value):
    """A GetTrailStatus time of the state -> epoch seconds. Besides ISO 8601 and epoch numbers, "now",
    "now-30h" or "now+5m" (units s, m, h, d) are taken relative to the moment of the call, so that a state can
    say "delivered 2 hours ago" and stay true whenever the test runs."""
    if isinstance(value, str):
        match = RELATIVE_TIME_RE.match(value.strip())
        if match:
            sign, amount, unit = match.groups()
            offset = float(amount) * RELATIVE_TIME_UNITS[unit] if amount else 0.0
            return float(int(now_epoch() + (offset if sign == "+" else -offset)))
    return parse_time(value)


def random_key(prefix, length, alphabet=string.ascii_uppercase + string.digits):
    return prefix + "".join(secrets.choice(alphabet) for _ in range(length))


def trail_arn(trail):
    return "arn:aws:cloudtrail:%s:%s:trail/%s" % (trail["HomeRegion"], trail["_owner"], trail["Name"])


class State:
    """Everything the fake knows, loaded from the state file; mutated by STS (new keys), PutEventSelectors,
    UpdateTrail, StartLogging/StopLogging, the faults control endpoint and the call log. One lock guards it all."""

    def __init__(self, data):
        self.lock = threading.Lock()
        self.credentials = {}
        for akid, entry in data.get("credentials", {}).items():
            self.credentials[akid] = self._credential(akid, entry)
        self.accounts = {}
        self.trails = []
        for account_id, account in data.get("accounts", {}).items():
            self.accounts[account_id] = {
                "regions": list(account.get("regions", DEFAULT_REGIONS)),
                "roles": dict(account.get("roles", {})),
            }
            for trail in account.get("trails", []):
                if "Name" not in trail or "HomeRegion" not in trail:
                    raise ValueError("account %s: every trail needs Name and HomeRegion" % account_id)
                for field in STATUS_TIME_FIELDS:  # a bad time stops the server at start, not mid-scan
                    if field in trail.get("Status", {}):
                        try:
                            status_time(trail["Status"][field])
                        except (TypeError, ValueError) as error:
                            raise ValueError("account %s, trail %s: Status.%s: %s" % (
                                account_id, trail["Name"], field, error)) from None
                stored = copy.deepcopy(trail)
                stored["_owner"] = account_id
                self.trails.append(stored)
        self.sns_topics = set(data.get("sns_topics", []))
        self.sqs_queue_urls = list(data.get("sqs_queues", []))
        self.organization = data.get("organization")
        self.web_identity_tokens = dict(data.get("web_identity_tokens", {}))
        self.instance_credentials = data.get("instance_credentials")
        self.container_credentials = data.get("container_credentials")
        self.page_size = {"ListTrails": 50, "ListAccounts": 20}
        self.page_size.update(data.get("page_size", {}))
        self.temporary_seconds = int(data.get("temporary_credential_seconds", 3600))
        self.check_clock_skew = bool(data.get("check_clock_skew", True))
        self.latency_ms = int(data.get("latency_ms", 0))
        self.faults = validate_faults(data.get("faults", []))
        self.calls = []
        self.imds_tokens = {}
        self.s3 = s3.S3State(data)
        self.kms = kms.KmsState(data)

    @staticmethod
    def _credential(akid, entry):
        if "secret" not in entry or "account" not in entry:
            raise ValueError("credentials %s: needs secret and account" % akid)
        account = entry["account"]
        return {
            "secret": entry["secret"],
            "account": account,
            "arn": entry.get("arn", "arn:aws:iam::%s:user/stance-test" % account),
            "user_id": entry.get("user_id", "AIDA" + hashlib.sha1(akid.encode()).hexdigest()[:17].upper()),
            "session_token": entry.get("session_token"),
            "expires": parse_time(entry["expiration"]) if "expiration" in entry else None,
        }

    def account(self, account_id):
        return self.accounts.get(account_id, {"regions": list(DEFAULT_REGIONS), "roles": {}})

    def issue_temporary(self, account, arn, user_id):
        """New temporary credentials, usable against this server until they expire."""
        akid = random_key("ASIA", 16)
        secret = random_key("", 40, string.ascii_letters + string.digits + "+/")
        token = base64.b64encode(secrets.token_bytes(120)).decode()
        expires = now_epoch() + self.temporary_seconds
        with self.lock:
            self.credentials[akid] = {"secret": secret, "account": account, "arn": arn, "user_id": user_id,
                                      "session_token": token, "expires": expires}
        return {"AccessKeyId": akid, "SecretAccessKey": secret, "SessionToken": token,
                "Expiration": iso8601(expires)}

    # --- organization -------------------------------------------------------------------------------
    def org_members(self):
        if not self.organization:
            return []
        return [a["Id"] for a in self.organization.get("accounts", [])]

    def is_org_member(self, account_id, owner):
        """account_id sees `owner`'s organization trails: it is another account of owner's organization."""
        org = self.organization
        return bool(org) and org.get("management_account") == owner and account_id != owner \
            and account_id in self.org_members()

    # --- trail visibility -----------------------------------------------------------------------------
    def can_see(self, account_id, trail):
        return trail["_owner"] == account_id or (
            trail.get("IsOrganizationTrail") and self.is_org_member(account_id, trail["_owner"]))

    def listed_in(self, account_id, region):
        """The trails ListTrails/DescribeTrails show in `region` for `account_id`, homed-here first."""
        homed, shadows = [], []
        for trail in self.trails:
            if not self.can_see(account_id, trail):
                continue
            own = trail["_owner"] == account_id
            if trail["HomeRegion"] == region and own:
                homed.append(trail)
            elif trail["HomeRegion"] == region or trail.get("IsMultiRegionTrail"):
                shadows.append(trail)
        return homed, shadows


def validate_faults(faults):
    if not isinstance(faults, list):
        raise ValueError("faults must be a list")
    checked = []
    for fault in faults:
        if not isinstance(fault, dict) or fault.get("kind") not in FAULT_KINDS:
            raise ValueError("fault %r: kind must be one of %s" % (fault, ", ".join(FAULT_KINDS)))
        entry = dict(fault)
        entry.setdefault("operation", "*")
        entry.setdefault("count", -1)
        checked.append(entry)
    return checked


# ======================================================================================================
# Signature verification
# ======================================================================================================
class _SignedHeadersOnly(SigV4Auth):
    """botocore's SigV4 with exactly the headers the client says it signed (botocore itself would skip a
    few, such as User-Agent, when it signs)."""

    def headers_to_sign(self, request):
        header_map = HTTPHeaders()
        for name, value in request.headers.items():
            header_map[name.lower()] = value
        return header_map


def parse_authorization(value):
    if not value.startswith("AWS4-HMAC-SHA256 "):
        raise auth_error("incomplete", "Authorization header requires the AWS4-HMAC-SHA256 algorithm.")
    fields = {}
    for part in value[len("AWS4-HMAC-SHA256 "):].split(","):
        key, _, item = part.strip().partition("=")
        fields[key] = item
    for required in ("Credential", "SignedHeaders", "Signature"):
        if not fields.get(required):
            raise auth_error("incomplete", "Authorization header requires '%s' parameter. Authorization=%s"
                             % (required, "AWS4-HMAC-SHA256"))
    scope = fields["Credential"].split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise auth_error("incomplete", "Credential should be scoped to a valid region, service and "
                         "aws4_request terminator.")
    return {"akid": scope[0], "date": scope[1], "region": scope[2], "service": scope[3],
            "signed_headers": fields["SignedHeaders"].split(";"), "signature": fields["Signature"]}


def verify_signature(state, method, raw_path, headers, body, signer_class=None):
    """Returns the caller (credential record + akid + scope) or raises an auth AwsError."""
    authorization = headers.get("Authorization")
    if not authorization:
        raise auth_error("missing")
    auth = parse_authorization(authorization)
    with state.lock:
        cred = state.credentials.get(auth["akid"])
        cred = dict(cred) if cred else None
    if cred is None:
        raise auth_error("unknown_key")
    if cred["session_token"] is not None:
        if headers.get("X-Amz-Security-Token") != cred["session_token"]:
            raise auth_error("unknown_key")
        if cred["expires"] is not None and cred["expires"] <= now_epoch():
            raise auth_error("expired")
    amz_date = headers.get("X-Amz-Date")
    if not amz_date:
        raise auth_error("incomplete", "Authorization header requires existence of either a 'X-Amz-Date' or "
                         "a 'Date' header.")
    try:
        request_time = calendar.timegm(time.strptime(amz_date, "%Y%m%dT%H%M%SZ"))
    except ValueError:
        raise auth_error("incomplete", "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
    if state.check_clock_skew and abs(request_time - now_epoch()) > CLOCK_SKEW_SECONDS:
        raise auth_error("skew", "Signature expired: %s is now earlier than %s (%s - 15 min.)" % (
            amz_date, time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now_epoch() - CLOCK_SKEW_SECONDS)),
            time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())))
    signed = {}
    for name in auth["signed_headers"]:
        values = headers.get_all(name)
        if values is None:
            raise auth_error("signature")
        signed[name] = values
    content_sha = signed.get("x-amz-content-sha256")
    if content_sha and content_sha[0] not in (hashlib.sha256(body).hexdigest(), "UNSIGNED-PAYLOAD"):
        raise auth_error("signature")
    host = (signed.get("host") or [headers.get("Host", "localhost")])[0]
    request = AWSRequest(method=method, url="http://" + host + raw_path, data=body)
    request.headers = HTTPHeaders()
    for name, values in signed.items():
        for value in values:
            request.headers.add_header(name, value)
    request.context["timestamp"] = amz_date
    signer = (signer_class or _SignedHeadersOnly)(Credentials(auth["akid"], cred["secret"]), auth["service"], auth["region"])
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if auth["date"] != amz_date[:8] or not secrets.compare_digest(expected, auth["signature"]):
        raise auth_error("signature")
    return {"akid": auth["akid"], "account": cred["account"], "arn": cred["arn"], "user_id": cred["user_id"],
            "region": auth["region"], "service": auth["service"]}


# ======================================================================================================
# Error rendering, per protocol
# ======================================================================================================
JSON_AUTH_ERRORS = {
    "signature": (400, "InvalidSignatureException", SIGNATURE_MISMATCH),
    "unknown_key": (400, "UnrecognizedClientException", INVALID_TOKEN),
    "expired": (400, "ExpiredTokenException", EXPIRED_TOKEN),
    "missing": (400, "MissingAuthenticationTokenException", "Missing Authentication Token"),
    "incomplete": (400, "IncompleteSignatureException", None),
    "skew": (400, "InvalidSignatureException", None),
}
STS_AUTH_ERRORS = {
    "signature": (403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH),
    "unknown_key": (403, "InvalidClientTokenId", INVALID_TOKEN),
    "expired": (400, "ExpiredToken", EXPIRED_TOKEN),
    "missing": (403, "MissingAuthenticationToken", "Request is missing Authentication Token"),
    "incomplete": (403, "IncompleteSignature", None),
    "skew": (403, "SignatureDoesNotMatch", None),
}
EC2_AUTH_ERRORS = {
    "signature": (403, "SignatureDoesNotMatch", SIGNATURE_MISMATCH),
    "unknown_key": (401, "AuthFailure", "AWS was not able to validate the provided access credentials"),
    "expired": (400, "RequestExpired", "Request has expired."),
    "missing": (401, "AuthFailure", "AWS was not able to validate the provided access credentials"),
    "incomplete": (401, "AuthFailure", None),
    "skew": (400, "RequestExpired", "Request has expired."),
}


def resolve_error(error, protocol):
    if error.kind is None:
        return error.status, error.code, error.message
    table = {"json": JSON_AUTH_ERRORS, "sts": STS_AUTH_ERRORS, "ec2": EC2_AUTH_ERRORS}[protocol]
    status, code, message = table[error.kind]
    return status, code, error.message if error.message else message


def render_error(error, protocol, request_id):
    """(status, content type, body) of an error answer."""
    status, code, message = resolve_error(error, protocol)
    if protocol == "json":
        # Errors raised by the front end (auth) carry "message"; the services' own exceptions "Message".
        key = "message" if error.kind else "Message"
        return status, JSON_CONTENT_TYPE, json.dumps({"__type": code, key: message})
    if protocol == "ec2":
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>%s</Code>'
                "<Message>%s</Message></Error></Errors><RequestID>%s</RequestID></Response>"
                % (xml_escape(code), xml_escape(message), request_id))
        return status, "text/xml;charset=UTF-8", body
    fault_type = "Receiver" if status >= 500 else "Sender"
    body = ('<ErrorResponse xmlns="%s">\n  <Error>\n    <Type>%s</Type>\n    <Code>%s</Code>\n'
            "    <Message>%s</Message>\n  </Error>\n  <RequestId>%s</RequestId>\n</ErrorResponse>\n"
            % (STS_NS, fault_type, xml_escape(code), xml_escape(message), request_id))
    return status, "text/xml", body


def fault_error(kind, protocol, call):
    """The AwsError a throttle / server_error / access_denied fault answers with."""
    service = call["service"]
    if kind == "throttle":
        if protocol == "ec2":
            return AwsError("RequestLimitExceeded", "Request limit exceeded.", 503)
        if protocol == "sts":
            return AwsError("Throttling", "Rate exceeded", 400)
        if service == "organizations":
            return AwsError("TooManyRequestsException", "AWS Organizations can't complete your request because "
                            "another request is already in progress. Try again later.", 400)
        return AwsError("ThrottlingException", "Rate exceeded", 400)
    if kind == "server_error":
        if protocol == "ec2":
            return AwsError("InternalError", "An internal error has occurred", 500)
        if service == "organizations":
            return AwsError("ServiceException", "AWS Organizations can't complete your request because it "
                            "encountered an internal service error. Try again later.", 500)
        return AwsError("InternalFailure", "The request processing has failed because of an unknown error, "
                        "exception or failure.", 500)
    # access_denied
    action = "%s:%s" % (service, call["operation"])
    on_resource = " on resource: %s" % call["resource"] if call.get("resource") else ""
    message = "User: %s is not authorized to perform: %s%s because no identity-based policy allows the %s " \
              "action" % (call.get("caller_arn") or "anonymous", action, on_resource, action)
    if protocol == "ec2":
        return AwsError("UnauthorizedOperation", "You are not authorized to perform this operation. " + message,
                        403)
    if protocol == "sts":
        return AwsError("AccessDenied", message, 403)
    return AwsError("AccessDeniedException", message, 400)


# ======================================================================================================
# CloudTrail (JSON 1.1)
# ======================================================================================================
def check_trail_name(name):
    if not isinstance(name, str) or not name:
        raise AwsError("InvalidTrailNameException", "Trail name cannot be blank.")
    if name.startswith("arn:"):
        if not TRAIL_ARN_RE.match(name):
            raise AwsError("InvalidTrailNameException", "Trail ARN %s is not valid." % name)
        return
    if len(name) < 3:
        raise AwsError("InvalidTrailNameException", "Trail name too short. Minimum allowed length: 3 characters. "
                       "Specified name length: %d characters." % len(name))
    if len(name) > 128:
        raise AwsError("InvalidTrailNameException", "Trail name too long. Maximum allowed length: 128 characters."
                       " Specified name length: %d characters." % len(name))
    if not TRAIL_NAME_RE.match(name) or re.search(r"[._-]{2}", name) or \
            re.match(r"^\d+\.\d+\.\d+\.\d+$", name):
        raise AwsError("InvalidTrailNameException", "Trail name or ARN can only contain uppercase letters, "
                       "lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).")


def trail_not_found(name, account_id):
    return AwsError("TrailNotFoundException", "Unknown trail: %s for the user: %s" % (name, account_id))


def find_trail(state, account_id, region, name, for_describe=False):
    """The trail `name` (a name or an ARN) names for a caller of `account_id` in `region`, or None.

    A name finds only the caller's own trail homed in `region`; an ARN also finds shadow copies (multi-region
    trails homed elsewhere, organization trails of the caller's organization) that are visible in `region`.
    DescribeTrails also finds the caller's own trails of other regions by ARN."""
    match = TRAIL_ARN_RE.match(name)
    for trail in state.trails:
        if not match:
            if trail["Name"] == name and trail["_owner"] == account_id and trail["HomeRegion"] == region:
                return trail
            continue
        if trail_arn(trail) != name or not state.can_see(account_id, trail):
            continue
        if trail["HomeRegion"] == region or trail.get("IsMultiRegionTrail"):
            return trail
        if for_describe and trail["_owner"] == account_id:
            return trail
    return None


def describe_trail(trail):
    described = {k: copy.deepcopy(v) for k, v in trail.items() if not k.startswith("_")
                 and k not in TRAIL_PRIVATE_KEYS}
    described["TrailARN"] = trail_arn(trail)
    described.setdefault("IncludeGlobalServiceEvents", True)
    described.setdefault("IsMultiRegionTrail", False)
    described.setdefault("LogFileValidationEnabled", False)
    described.setdefault("HasCustomEventSelectors",
                         "EventSelectors" in trail or "AdvancedEventSelectors" in trail)
    described.setdefault("HasInsightSelectors", False)
    described.setdefault("IsOrganizationTrail", False)
    described = {k: v for k, v in described.items() if v is not None}  # null in the state: left out
    order = ["Name", "S3BucketName", "S3KeyPrefix", "SnsTopicName", "SnsTopicARN", "IncludeGlobalServiceEvents",
             "IsMultiRegionTrail", "HomeRegion", "TrailARN", "LogFileValidationEnabled",
             "CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn", "KmsKeyId", "HasCustomEventSelectors",
             "HasInsightSelectors", "IsOrganizationTrail"]
    ordered = {k: described[k] for k in order if k in described}
    ordered.update({k: v for k, v in described.items() if k not in ordered})
    return ordered


def normalized_basic_selector(selector):
    full = {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": [],
            "ExcludeManagementEventSources": []}
    full.update(copy.deepcopy(selector))
    return full


def selectors_answer(trail):
    answer = {"TrailARN": trail_arn(trail)}
    if "AdvancedEventSelectors" in trail:
        answer["AdvancedEventSelectors"] = copy.deepcopy(trail["AdvancedEventSelectors"])
    elif "EventSelectors" in trail:
        if trail.get("raw_selectors"):
            answer["EventSelectors"] = copy.deepcopy(trail["EventSelectors"])
        else:
            answer["EventSelectors"] = [normalized_basic_selector(s) for s in trail["EventSelectors"]]
    else:
        answer["EventSelectors"] = [normalized_basic_selector({})]
    return answer


def page_token(kind, offset, account_id, region):
    return base64.b64encode(json.dumps([kind, offset, account_id, region]).encode()).decode()


def read_page_token(token, kind, account_id, region, error):
    try:
        decoded = json.loads(base64.b64decode(token, validate=True))
        if decoded[0] == kind and decoded[2] == account_id and decoded[3] == region and decoded[1] >= 0:
            return int(decoded[1])
    except (ValueError, TypeError, IndexError, KeyError):
        pass
    raise error


def ct_list_trails(state, call, params):
    account_id, region = call["account"], call["region"]
    homed, shadows = state.listed_in(account_id, region)
    everything = homed + shadows
    start = 0
    if params.get("NextToken"):
        start = read_page_token(params["NextToken"], "ListTrails", account_id, region, AwsError(
            "InvalidNextTokenException", "Invalid NextToken"))
    size = max(1, int(state.page_size["ListTrails"]))
    page = everything[start:start + size]
    answer = {"Trails": [{"TrailARN": trail_arn(t), "Name": t["Name"], "HomeRegion": t["HomeRegion"]}
                         for t in page]}
    if start + size < len(everything):
        answer["NextToken"] = page_token("ListTrails", start + size, account_id, region)
    return answer


def ct_describe_trails(state, call, params):
    account_id, region = call["account"], call["region"]
    names = params.get("trailNameList") or []
    if not isinstance(names, list):
        raise AwsError("SerializationException", "Start of list found where not expected")
    include_shadows = params.get("includeShadowTrails", True) is not False
    if not names:
        homed, shadows = state.listed_in(account_id, region)
        found = homed + (shadows if include_shadows else [])
    else:
        found = []
        for name in names:
            check_trail_name(name)
            trail = find_trail(state, account_id, region, name, for_describe=True)
            if trail is not None and trail not in found:
                found.append(trail)
        call["trail"] = ",".join(names)
    return {"trailList": [describe_trail(t) for t in found]}


def single_trail(state, call, params, key):
    name = params.get(key)
    if name is None:
        raise AwsError("InvalidTrailNameException", "Trail name cannot be blank.")
    call["trail"] = name
    check_trail_name(name)
    trail = find_trail(state, call["account"], call["region"], name)
    if trail is None:
        raise trail_not_found(name, call["account"])
    call["trail_arn"] = trail_arn(trail)
    return trail


def ct_get_event_selectors(state, call, params):
    trail = single_trail(state, call, params, "TrailName")
    return selectors_answer(trail)


def ct_get_trail_status(state, call, params):
    trail = single_trail(state, call, params, "Name")
    status = copy.deepcopy(trail.get("Status", {}))
    status.setdefault("IsLogging", True)
    if status["IsLogging"] is None:  # the state asks for an answer without it (AWS always sends it)
        del status["IsLogging"]
    for field in STATUS_TIME_FIELDS:
        if isinstance(status.get(field), str):
            status[field] = status_time(status[field])
    return status


def validate_basic_selectors(selectors):
    if not isinstance(selectors, list) or not 1 <= len(selectors) <= 5:
        raise AwsError("InvalidEventSelectorsException", "Specify a valid number of event selectors (1 to 5) "
                       "for a trail.")
    resources = 0
    for selector in selectors:
        if not isinstance(selector, dict):
            raise AwsError("SerializationException", "Start of structure or map found where not expected.")
        if selector.get("ReadWriteType", "All") not in ("ReadOnly", "WriteOnly", "All"):
            raise AwsError("InvalidEventSelectorsException", "Value %s for parameter ReadWriteType is invalid."
                           % selector.get("ReadWriteType"))
        for source in selector.get("ExcludeManagementEventSources", []):
            if source not in ("kms.amazonaws.com", "rdsdata.amazonaws.com"):
                raise AwsError("InvalidEventSelectorsException", "Value %s for parameter "
                               "ExcludeManagementEventSources is invalid." % source)
        for resource in selector.get("DataResources", []):
            resources += len(resource.get("Values", []))
    if resources > 250:
        raise AwsError("InvalidEventSelectorsException", "A trail is limited to 250 data resources.")


def validate_advanced_selectors(selectors):
    if not isinstance(selectors, list) or not selectors:
        raise AwsError("InvalidEventSelectorsException", "Specify at least one advanced event selector.")
    values = 0
    for selector in selectors:
        fields = selector.get("FieldSelectors") if isinstance(selector, dict) else None
        if not isinstance(fields, list) or not fields:
            raise AwsError("InvalidEventSelectorsException", "Advanced event selectors must have FieldSelectors.")
        names = [f.get("Field") for f in fields if isinstance(f, dict)]
        if "eventCategory" not in names:
            raise AwsError("InvalidEventSelectorsException", "You must specify the eventCategory field in each "
                           "advanced event selector.")
        for field in fields:
            for operator in ("Equals", "StartsWith", "EndsWith", "NotEquals", "NotStartsWith", "NotEndsWith"):
                values += len(field.get(operator, []))
    if values > 500:
        raise AwsError("InvalidEventSelectorsException", "Specify up to 500 values for all conditions in all "
                       "advanced event selectors for a trail.")


def trail_to_write(state, call, params, key):
    """The trail a write call (PutEventSelectors, UpdateTrail, StartLogging, StopLogging) names by `key`: the
    caller's own trail, or its organization's when the caller is the management account, called in the trail's
    home region -- else the error AWS answers with."""
    name = params.get(key)
    if name is None:
        raise AwsError("InvalidTrailNameException", "Trail name cannot be blank.")
    call["trail"] = name
    check_trail_name(name)
    account_id, region = call["account"], call["region"]
    trail = find_trail(state, account_id, region, name)
    if trail is None:
        # Own trail homed in another region (by name or by ARN): AWS says it is the wrong region.
        arn_match = TRAIL_ARN_RE.match(name)
        for candidate in state.trails:
            if candidate["_owner"] != account_id:
                continue
            if (arn_match and trail_arn(candidate) == name) or (not arn_match and candidate["Name"] == name):
                raise AwsError("InvalidHomeRegionException", "This operation must be called from the region in "
                               "which the trail was created.")
        raise trail_not_found(name, account_id)
    call["trail_arn"] = trail_arn(trail)
    if trail["_owner"] != account_id:
        raise AwsError("NotOrganizationMasterAccountException", "The request was rejected because you are not "
                       "signed in with the management account of the organization that owns the trail %s."
                       % trail_arn(trail))
    if trail["HomeRegion"] != region:
        raise AwsError("InvalidHomeRegionException", "This operation must be called from the region in which "
                       "the trail was created.")
    return trail


def ct_put_event_selectors(state, call, params):
    trail = trail_to_write(state, call, params, "TrailName")
    basic, advanced = params.get("EventSelectors"), params.get("AdvancedEventSelectors")
    if (basic is None) == (advanced is None):
        raise AwsError("InvalidEventSelectorsException", "You must specify either EventSelectors or "
                       "AdvancedEventSelectors, but not both.")
    with state.lock:
        if basic is not None:
            validate_basic_selectors(basic)
            trail.pop("AdvancedEventSelectors", None)
            trail["EventSelectors"] = [normalized_basic_selector(s) for s in basic]
        else:
            validate_advanced_selectors(advanced)
            trail.pop("EventSelectors", None)
            trail["AdvancedEventSelectors"] = copy.deepcopy(advanced)
        trail.pop("raw_selectors", None)
        trail.pop("HasCustomEventSelectors", None)
        return selectors_answer(trail)


# UpdateTrail parameter -> the DescribeTrails field it sets, and its type.
UPDATE_TRAIL_PARAMETERS = {
    "S3BucketName": ("S3BucketName", str),
    "S3KeyPrefix": ("S3KeyPrefix", str),
    "SnsTopicName": ("SnsTopicName", str),
    "IncludeGlobalServiceEvents": ("IncludeGlobalServiceEvents", bool),
    "IsMultiRegionTrail": ("IsMultiRegionTrail", bool),
    "EnableLogFileValidation": ("LogFileValidationEnabled", bool),
    "CloudWatchLogsLogGroupArn": ("CloudWatchLogsLogGroupArn", str),
    "CloudWatchLogsRoleArn": ("CloudWatchLogsRoleArn", str),
    "KmsKeyId": ("KmsKeyId", str),
    "IsOrganizationTrail": ("IsOrganizationTrail", bool),
}


def ct_update_trail(state, call, params):
    for key, value in params.items():
        if key == "Name":
            continue
        if key not in UPDATE_TRAIL_PARAMETERS:
            raise AwsError("SerializationException", "Unknown parameter in input: \"%s\", must be one of: Name, %s"
                           % (key, ", ".join(UPDATE_TRAIL_PARAMETERS)))
        wanted = UPDATE_TRAIL_PARAMETERS[key][1]
        if not isinstance(value, wanted):
            raise AwsError("SerializationException", "Invalid type for parameter %s, value: %r" % (key, value))
    trail = trail_to_write(state, call, params, "Name")
    with state.lock:
        updated = dict(trail)
        for key, value in params.items():
            if key == "Name":
                continue
            field = UPDATE_TRAIL_PARAMETERS[key][0]
            if isinstance(value, str) and value == "" and key not in ("S3BucketName",):
                updated.pop(field, None)  # "" unsets an optional string (a key, CloudWatch Logs delivery)
            else:
                updated[field] = value
        if updated.get("IsMultiRegionTrail") and updated.get("IncludeGlobalServiceEvents", True) is False:
            raise AwsError("InvalidParameterCombinationException", "Multi-Region trail must include global "
                           "service events.")
        if bool(updated.get("CloudWatchLogsLogGroupArn")) != bool(updated.get("CloudWatchLogsRoleArn")):
            raise AwsError("InvalidParameterCombinationException", "You must specify a role ARN with a log "
                           "group ARN, and a log group ARN with a role ARN.")
        if not updated.get("S3BucketName"):
            raise AwsError("InvalidS3BucketNameException", "Bucket name cannot be blank.")
        trail.clear()
        trail.update(updated)
        answer = describe_trail(trail)
    for key in ("HomeRegion", "HasCustomEventSelectors", "HasInsightSelectors"):
        answer.pop(key, None)
    return answer


def set_logging(state, trail, on):
    """StartLogging / StopLogging: what GetTrailStatus answers from now on."""
    with state.lock:
        status = trail.setdefault("Status", {})
        status["IsLogging"] = on
        status["StartLoggingTime" if on else "StopLoggingTime"] = now_epoch()
    return {}


def ct_start_logging(state, call, params):
    return set_logging(state, trail_to_write(state, call, params, "Name"), True)


def ct_stop_logging(state, call, params):
    return set_logging(state, trail_to_write(state, call, params, "Name"), False)


CLOUDTRAIL_OPERATIONS = {
    "ListTrails": ct_list_trails,
    "DescribeTrails": ct_describe_trails,
    "GetEventSelectors": ct_get_event_selectors,
    "GetTrailStatus": ct_get_trail_status,
    "PutEventSelectors": ct_put_event_selectors,
    "UpdateTrail": ct_update_trail,
    "StartLogging": ct_start_logging,
    "StopLogging": ct_stop_logging,
}


def module_operation(function):
    """An operation served by a module beside this file (events.py, sns.py): its errors become AwsError."""
    def handler(state, call, params):
        try:
            return function(state, call, params)
        except (events.LookupError_, sns.SnsError, sqs.SqsError) as error:
            raise AwsError(error.code, error.message, getattr(error, "status", 400)) from None
    return handler


CLOUDTRAIL_OPERATIONS["LookupEvents"] = module_operation(events.lookup_events)
SNS_OPERATIONS = {name: module_operation(f) for name, f in sns.OPERATIONS.items()}
SQS_OPERATIONS = {name: module_operation(f) for name, f in sqs.OPERATIONS.items()}
SQS_TARGET = "AmazonSQS."


# ======================================================================================================
# Organizations (JSON 1.1)
# ======================================================================================================
def org_list_accounts(state, call, params):
    org = state.organization
    if not org:
        raise AwsError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.")
    account_id = call["account"]
    if account_id not in state.org_members() and account_id != org.get("management_account"):
        raise AwsError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.")
    allowed = [org.get("management_account")] + list(org.get("delegated_administrators", []))
    if account_id not in allowed:
        raise AwsError("AccessDeniedException", "You don't have permissions to access this resource.")
    org_id = org.get("id", "o-a1b2c3d4e5")
    accounts = []
    for entry in org.get("accounts", []):
        account = {"Id": entry["Id"],
                   "Arn": entry.get("Arn", "arn:aws:organizations::%s:account/%s/%s" % (
                       org["management_account"], org_id, entry["Id"])),
                   "Email": entry.get("Email", "aws+%s@example.com" % entry["Id"]),
                   "Name": entry.get("Name", entry["Id"]),
                   "Status": entry.get("Status", "ACTIVE"),
                   "JoinedMethod": entry.get("JoinedMethod", "CREATED"),
                   "JoinedTimestamp": parse_time(entry.get("JoinedTimestamp", "2020-01-01T00:00:00Z"))}
        accounts.append(account)
    size = int(state.page_size["ListAccounts"])
    if params.get("MaxResults") is not None:
        max_results = params["MaxResults"]
        if not isinstance(max_results, int) or not 1 <= max_results <= 20:
            raise AwsError("InvalidInputException", "You provided a value that does not match the required "
                           "pattern.")
        size = min(size, max_results)
    start = 0
    if params.get("NextToken"):
        start = read_page_token(params["NextToken"], "ListAccounts", account_id, "", AwsError(
            "InvalidInputException", "You specified an invalid value for nextToken. You must get the value from "
            "the response to a previous call to the API."))
    answer = {"Accounts": accounts[start:start + size]}
    if start + size < len(accounts):
        answer["NextToken"] = page_token("ListAccounts", start + size, account_id, "")
    return answer


ORGANIZATIONS_OPERATIONS = {"ListAccounts": org_list_accounts}


# ======================================================================================================
# STS and EC2 (query protocol)
# ======================================================================================================
def xml_elements(mapping, indent):
    return "".join("%s<%s>%s</%s>\n" % (indent, k, xml_escape(str(v)), k) for k, v in mapping.items())


def sts_response(action, result_xml, request_id):
    return ('<%sResponse xmlns="%s">\n  <%sResult>\n%s  </%sResult>\n  <ResponseMetadata>\n'
            "    <RequestId>%s</RequestId>\n  </ResponseMetadata>\n</%sResponse>\n"
            % (action, STS_NS, action, result_xml, action, request_id, action))


def credentials_xml(creds):
    return "    <Credentials>\n%s    </Credentials>\n" % xml_elements(
        {"AccessKeyId": creds["AccessKeyId"], "SecretAccessKey": creds["SecretAccessKey"],
         "SessionToken": creds["SessionToken"], "Expiration": creds["Expiration"]}, "      ")


def require(params, name):
    value = params.get(name)
    if value is None or value == "":
        raise AwsError("ValidationError", "1 validation error detected: Value null at '%s' failed to satisfy "
                       "constraint: Member must not be null" % (name[0].lower() + name[1:]))
    return value


def check_duration(params):
    if "DurationSeconds" in params:
        try:
            seconds = int(params["DurationSeconds"])
        except ValueError:
            seconds = -1
        if not 900 <= seconds <= 43200:
            raise AwsError("ValidationError", "1 validation error detected: Value '%s' at 'durationSeconds' "
                           "failed to satisfy constraint: Member must have value greater than or equal to 900"
                           % params["DurationSeconds"])


def assumed_role(state, role_arn, session):
    match = ROLE_ARN_RE.match(role_arn)
    account_id, role_name = match.group(1), match.group(2)
    role_id = "AROA" + hashlib.sha1(role_arn.encode()).hexdigest()[:17].upper()
    arn = "arn:aws:sts::%s:assumed-role/%s/%s" % (account_id, role_name, session)
    creds = state.issue_temporary(account_id, arn, "%s:%s" % (role_id, session))
    user = "    <AssumedRoleUser>\n%s    </AssumedRoleUser>\n" % xml_elements(
        {"AssumedRoleId": "%s:%s" % (role_id, session), "Arn": arn}, "      ")
    return creds, user


def sts_get_caller_identity(state, call, params):
    return sts_response("GetCallerIdentity", xml_elements(
        {"UserId": call["caller_user_id"], "Account": call["account"], "Arn": call["caller_arn"]}, "    "),
        call["request_id"])


def sts_assume_role(state, call, params):
    role_arn = require(params, "RoleArn")
    session = require(params, "RoleSessionName")
    call["role_arn"] = role_arn
    call["resource"] = role_arn
    if not SESSION_NAME_RE.match(session):
        raise AwsError("ValidationError", "1 validation error detected: Value '%s' at 'roleSessionName' failed to "
                       "satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*" % session)
    check_duration(params)
    match = ROLE_ARN_RE.match(role_arn)
    if match:
        call["target_account"] = match.group(1)
    denied = AwsError("AccessDenied", "User: %s is not authorized to perform: sts:AssumeRole on resource: %s"
                      % (call["caller_arn"], role_arn), 403)
    if not match:
        raise AwsError("ValidationError", "%s is invalid" % role_arn)
    role = state.account(match.group(1))["roles"].get(match.group(2))
    if role is None:
        raise denied
    trusted = role.get("trusted")
    if trusted is not None and call["account"] not in trusted and call["caller_arn"] not in trusted:
        raise denied
    if role.get("external_id") is not None and params.get("ExternalId") != role["external_id"]:
        raise denied
    creds, user = assumed_role(state, role_arn, session)
    return sts_response("AssumeRole", credentials_xml(creds) + user, call["request_id"])


def sts_assume_role_with_web_identity(state, call, params):
    role_arn = require(params, "RoleArn")
    session = require(params, "RoleSessionName")
    token = require(params, "WebIdentityToken")
    call["role_arn"] = role_arn
    call["resource"] = role_arn
    check_duration(params)
    allowed_role = state.web_identity_tokens.get(token)
    if allowed_role is None:
        raise AwsError("InvalidIdentityToken", "The web identity token that was passed could not be validated by "
                       "AWS. Get a new identity token from the identity provider and then retry the request.")
    match = ROLE_ARN_RE.match(role_arn)
    if allowed_role != role_arn or not match:
        raise AwsError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 403)
    call["account"] = match.group(1)
    call["target_account"] = match.group(1)
    creds, user = assumed_role(state, role_arn, session)
    extra = xml_elements({"SubjectFromWebIdentityToken": "system:stance-test", "Audience": "sts.amazonaws.com",
                          "Provider": "token.actions.example.com"}, "    ")
    return sts_response("AssumeRoleWithWebIdentity", credentials_xml(creds) + user + extra, call["request_id"])


STS_OPERATIONS = {
    "GetCallerIdentity": sts_get_caller_identity,
    "AssumeRole": sts_assume_role,
    "AssumeRoleWithWebIdentity": sts_assume_role_with_web_identity,
}


def indexed_values(params, prefix):
    """Query-protocol lists: RegionName.1=a&RegionName.2=b -> [a, b]."""
    found = []
    for key, value in params.items():
        match = re.match(r"^%s\.(\d+)$" % re.escape(prefix), key)
        if match:
            found.append((int(match.group(1)), value))
    return [v for _, v in sorted(found)]


def ec2_describe_regions(state, call, params):
    enabled = state.account(call["account"])["regions"]
    rows = [(r, "opt-in-not-required" if r in DEFAULT_REGIONS else "opted-in") for r in enabled]
    if params.get("AllRegions", "false").lower() == "true":
        rows += [(r, "not-opted-in") for r in DEFAULT_REGIONS + OPT_IN_REGIONS if r not in enabled]
    names = indexed_values(params, "RegionName")
    if names:
        known = dict(rows)
        for name in names:
            if name not in known:
                raise AwsError("InvalidParameterValue", "Invalid region: %s" % name)
        rows = [(r, s) for r, s in rows if r in names]
    for index in range(1, 100):
        name = params.get("Filter.%d.Name" % index)
        if name is None:
            break
        values = indexed_values(params, "Filter.%d.Value" % index)
        column = {"region-name": 0, "opt-in-status": 1, "endpoint": 2}.get(name)
        if column is None:
            raise AwsError("InvalidParameterValue", "The filter '%s' is invalid" % name)
        rows = [row for row in rows if (row + ("ec2.%s.amazonaws.com" % row[0],))[column] in values]
    items = "".join("        <item>\n%s        </item>\n" % xml_elements(
        {"regionName": r, "regionEndpoint": "ec2.%s.amazonaws.com" % r, "optInStatus": s}, "            ")
        for r, s in rows)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<DescribeRegionsResponse xmlns="%s">\n'
            "    <requestId>%s</requestId>\n    <regionInfo>\n%s    </regionInfo>\n</DescribeRegionsResponse>\n"
            % (EC2_NS, call["request_id"], items))


EC2_OPERATIONS = {"DescribeRegions": ec2_describe_regions}


# ======================================================================================================
# The HTTP server
# ======================================================================================================
def fault_matches(fault, call):
    if fault["count"] == 0:
        return False
    if fault["operation"] != "*" and fault["operation"] != call["operation"]:
        return False
    if fault["operation"] == "*" and call["service"] in ("imds", "ecs"):
        return False
    if fault.get("account") and fault["account"] not in (call.get("account"), call.get("target_account")):
        return False
    if fault.get("region") and fault["region"] != call.get("region"):
        return False
    if fault.get("resource") and fault["resource"] not in (call.get("resource"), call.get("bucket")):
        return False
    if fault.get("trail"):
        wanted = fault["trail"]
        named = [call.get("trail"), call.get("trail_arn")] + (call.get("trail") or "").split(",")
        if wanted not in named and not (call.get("trail_arn") or "").endswith(":trail/" + wanted):
            return False
    return True


def take_faults(state, call):
    """The latency faults that fire for this call, then at most one answering fault."""
    delays, answer = [], None
    with state.lock:
        for fault in state.faults:
            if not fault_matches(fault, call):
                continue
            if fault["kind"] == "latency":
                delays.append(int(fault.get("ms", 0)))
            elif answer is None:
                answer = dict(fault)
            else:
                continue
            if fault["count"] > 0:
                fault["count"] -= 1
    return delays, answer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "fake_aws"

    def log_message(self, *args):  # requests are recorded in the call log, not on stderr
        pass

    @property
    def state(self):
        return self.server.state

    # --- plumbing -------------------------------------------------------------------------------------
    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def answer(self, status, content_type, body, extra_headers=(), truncate=False):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra_headers:
            self.send_header(name, value)
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data[:len(data) // 2] if truncate else data)
        self.wfile.flush()
        if truncate:
            self.close_connection = True

    def reset_connection(self):
        """Close without answering: an RST (SO_LINGER 0), as a dropped connection looks to the client."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.connection.close()

    def record(self, call):
        entry = {k: call.get(k) for k in ("service", "operation", "region", "account", "access_key_id", "trail",
                                          "trail_arn", "role_arn", "status", "error", "fault")}
        with self.state.lock:
            entry["seq"] = len(self.state.calls) + 1
            self.state.calls.append(entry)

    # --- verbs ----------------------------------------------------------------------------------------
    def do_GET(self):
        path = urllib.parse.urlsplit(self.path)
        if path.path == "/__stance/calls":
            with self.state.lock:
                calls = list(self.state.calls)
            wanted = urllib.parse.parse_qs(path.query).get("operation")
            if wanted:
                calls = [c for c in calls if c["operation"] == wanted[0]]
            return self.answer(200, "application/json", json.dumps(calls))
        if path.path == "/__stance/call_count":
            with self.state.lock:
                calls = list(self.state.calls)
            wanted = urllib.parse.parse_qs(path.query).get("operation")
            if wanted and wanted[0]:
                calls = [c for c in calls if c["operation"] == wanted[0]]
            return self.answer(200, "text/plain", str(len(calls)))
        if path.path == "/__stance/sns_messages":
            return self.answer(200, "application/json", json.dumps(sns.messages(self.state)))
        if path.path == "/__stance/sqs_messages":  # messages left in each queue
            return self.answer(200, "application/json", json.dumps(sqs.messages(self.state)))
        if path.path.startswith("/latest/"):
            self.read_body()
            return self.imds(path.path)
        if path.path == "/ecs/credentials":
            self.read_body()
            return self.ecs()
        if self._scope_service() == "s3":
            return s3.handle(self, self.read_body(), sys.modules[__name__])
        if path.path == "/" and path.query:
            return self.aws_call(b"")
        self.read_body()
        self.answer(404, "text/plain", "Not Found")

    def do_PUT(self):
        path = urllib.parse.urlsplit(self.path).path
        body = self.read_body()
        if self._scope_service() == "s3":
            return s3.handle(self, body, sys.modules[__name__])
        if path == "/latest/api/token":
            return self.imds_token()
        self.answer(404, "text/plain", "Not Found")

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        body = self.read_body()
        if path == "/__stance/faults":
            return self.control_faults(body)
        if path == "/__stance/reset_calls":
            with self.state.lock:
                self.state.calls.clear()
            return self.answer(200, "application/json", "{}")
        self.aws_call(body)

    # --- control ----------------------------------------------------------------------------------------
    def control_faults(self, body):
        try:
            data = json.loads(body or b"[]")
            if isinstance(data, list):
                data = {"faults": data}
            faults = validate_faults(data["faults"]) if "faults" in data else None
            latency = int(data["latency_ms"]) if "latency_ms" in data else None
        except (ValueError, KeyError, TypeError) as problem:
            return self.answer(400, "text/plain", "bad faults: %s" % problem)
        with self.state.lock:
            if faults is not None:
                self.state.faults = faults
            if latency is not None:
                self.state.latency_ms = latency
        self.answer(200, "application/json", "{}")

    # --- AWS API calls -----------------------------------------------------------------------------------
    def aws_call(self, body):
        request_id = str(uuid.uuid4())
        call = {"request_id": request_id, "status": None, "error": None, "fault": None}
        target = self.headers.get("X-Amz-Target")
        try:
            if target:
                protocol = "json"
                if target.startswith(CLOUDTRAIL_TARGET):
                    call["service"], table = "cloudtrail", CLOUDTRAIL_OPERATIONS
                    call["operation"] = target[len(CLOUDTRAIL_TARGET):]
                elif target.startswith(ORGANIZATIONS_TARGET):
                    call["service"], table = "organizations", ORGANIZATIONS_OPERATIONS
                    call["operation"] = target[len(ORGANIZATIONS_TARGET):]
                elif target.startswith(kms.KMS_TARGET):
                    call["service"], table = "kms", kms.operations(sys.modules[__name__])
                    call["operation"] = target[len(kms.KMS_TARGET):]
                elif target.startswith(SQS_TARGET):
                    call["service"], table = "sqs", SQS_OPERATIONS
                    call["operation"] = target[len(SQS_TARGET):]
                else:
                    call["service"], call["operation"], table = "unknown", target, {}
                params_text = body.decode("utf-8") if body else "{}"
            else:
                query = urllib.parse.urlsplit(self.path).query
                form = body.decode("utf-8") if body else query
                params = {k: v[-1] for k, v in urllib.parse.parse_qs(form, keep_blank_values=True).items()}
                call["operation"] = params.get("Action", "")
                scope_service = self._scope_service()
                if scope_service == "ec2" or (scope_service is None and params.get("Version") == EC2_VERSION):
                    protocol, call["service"], table = "ec2", "ec2", EC2_OPERATIONS
                elif scope_service == "sns":  # SNS errors have STS's XML shape
                    protocol, call["service"], table = "sts", "sns", SNS_OPERATIONS
                else:
                    protocol, call["service"], table = "sts", "sts", STS_OPERATIONS
        except UnicodeDecodeError:
            protocol, table = "json", {}
            call.setdefault("service", "unknown")
            call.setdefault("operation", "")
            params_text = "{"
        self._serve(call, protocol, table, body, params if protocol != "json" else params_text)

    def _scope_service(self):
        match = re.search(r"Credential=[^/]*/[^/]*/[^/]*/([^/]*)/", self.headers.get("Authorization", ""))
        return match.group(1) if match else None

    def _serve(self, call, protocol, table, body, params):
        fault = None
        try:
            # Who is calling (AssumeRoleWithWebIdentity is the one unsigned call).
            unsigned_ok = protocol == "sts" and call["operation"] == "AssumeRoleWithWebIdentity" \
                and not self.headers.get("Authorization")
            if unsigned_ok:
                match = re.search(r"Credential=[^/]*/[^/]*/([^/]*)/", self.headers.get("Authorization", ""))
                call["region"] = match.group(1) if match else "us-east-1"
            else:
                caller = verify_signature(self.state, self.command, self.path, self.headers, body)
                call.update(region=caller["region"], account=caller["account"], access_key_id=caller["akid"],
                            caller_arn=caller["arn"], caller_user_id=caller["user_id"])
                if call["service"] in ("cloudtrail", "ec2") and \
                        caller["region"] not in self.state.account(caller["account"])["regions"]:
                    raise auth_error("unknown_key")  # what AWS answers in a region the account has not enabled
            if protocol == "json":
                try:
                    params = json.loads(params) if params.strip() else {}
                except ValueError:
                    raise AwsError("SerializationException", "Invalid JSON in the request body")
                if not isinstance(params, dict):
                    raise AwsError("SerializationException", "Start of list found where not expected")
            else:
                expected = EC2_VERSION if protocol == "ec2" else \
                    sns.SNS_VERSION if call["service"] == "sns" else STS_VERSION
                if params.get("Version") != expected:
                    raise AwsError("InvalidAction", "Could not find operation %s for version %s"
                                   % (call["operation"], params.get("Version")), 400)
            handler = table.get(call["operation"])
            if handler is None:
                if protocol == "json":
                    raise AwsError("UnknownOperationException", "")
                raise AwsError("InvalidAction", "The action %s is not valid for this web service."
                               % call["operation"], 400)
            self._note_resource(call, params)
            delays, fault = take_faults(self.state, call)
            latency = self.state.latency_ms + sum(delays)
            if fault and fault["kind"] == "timeout":
                latency += int(fault.get("ms", 30000))
            if latency:
                time.sleep(latency / 1000.0)
            if fault:
                call["fault"] = fault["kind"]
                if fault["kind"] == "reset":
                    call["status"] = 0
                    self.record(call)
                    return self.reset_connection()
                if fault["kind"] in ("throttle", "server_error", "access_denied"):
                    raise fault_error(fault["kind"], protocol, call)
            result = handler(self.state, call, params)
            events.record_event(self.state, call, params)  # a watched write becomes a LookupEvents event
            status, headers = 200, [("x-amzn-RequestId", call["request_id"])]
            if protocol == "json":
                content_type, text = JSON_CONTENT_TYPE, json.dumps(result)
            else:
                content_type, text = "text/xml;charset=UTF-8", result
        except Exception as problem:  # noqa: B902 — any failure must still answer, never hang a test
            error = problem if isinstance(problem, AwsError) else AwsError(
                "InternalFailure", "The request processing has failed because of an unknown error, exception or "
                "failure.", 500)
            if not isinstance(problem, AwsError):
                # Input this fake does not expect: answer like a failing service. Type only: no request data.
                print("fake_aws: %s failed: %s" % (call.get("operation"), type(problem).__name__), file=sys.stderr)
            status, content_type, text = render_error(error, protocol, call["request_id"])
            call["error"] = resolve_error(error, protocol)[1]
            headers = [("x-amzn-RequestId", call["request_id"])]
        call["status"] = status
        self.record(call)  # before answering: once a client has its answer, the call is in the log
        try:
            self.answer(status, content_type, text, headers, truncate=bool(fault and fault["kind"] == "truncate"))
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _note_resource(self, call, params):
        """Fills trail / resource before faults are matched, so a fault can name a trail."""
        if call["service"] == "kms" and isinstance(params.get("KeyId"), str):
            call["resource"] = params["KeyId"]  # a fault may name the key as the trail gives it
        if call["service"] != "cloudtrail":
            if call["operation"] in ("AssumeRole", "AssumeRoleWithWebIdentity"):
                role = params.get("RoleArn", "")
                call["resource"] = role
                match = ROLE_ARN_RE.match(role)
                if match:
                    call["target_account"] = match.group(1)
            return
        key = {"GetEventSelectors": "TrailName", "PutEventSelectors": "TrailName",
               "GetTrailStatus": "Name", "UpdateTrail": "Name", "StartLogging": "Name",
               "StopLogging": "Name"}.get(call["operation"])
        name = params.get(key) if key else None
        if call["operation"] == "DescribeTrails" and isinstance(params.get("trailNameList"), list):
            names = [n for n in params["trailNameList"] if isinstance(n, str)]
            call["trail"] = ",".join(names) or None
        if isinstance(name, str):
            call["trail"] = name
            if TRAIL_ARN_RE.match(name):
                call["resource"] = name
            else:
                trail = find_trail(self.state, call["account"], call["region"], name)
                call["resource"] = trail_arn(trail) if trail else "arn:aws:cloudtrail:%s:%s:trail/%s" % (
                    call["region"], call["account"], name)
            trail = find_trail(self.state, call["account"], call["region"], name)
            if trail:
                call["trail_arn"] = trail_arn(trail)

    # --- credential endpoints ----------------------------------------------------------------------------
    def _credential_call(self, service, operation):
        call = {"service": service, "operation": operation, "status": None, "error": None, "fault": None,
                "request_id": str(uuid.uuid4())}
        source = self.state.instance_credentials if service == "imds" else self.state.container_credentials
        if source:
            call["account"] = source.get("account")
        delays, fault = take_faults(self.state, call)
        wait = sum(delays) + (int(fault.get("ms", 30000)) if fault and fault["kind"] == "timeout" else 0)
        if wait:
            time.sleep(wait / 1000.0)
        if fault:
            call["fault"] = fault["kind"]
        return call, fault

    def _credential_answer(self, call, fault, status, content_type, body, headers=()):
        if fault and fault["kind"] == "reset":
            call["status"] = 0
            self.record(call)
            return self.reset_connection()
        if fault and fault["kind"] in ("throttle", "server_error", "access_denied"):
            status, content_type, body = {"throttle": 429, "server_error": 500, "access_denied": 403}[
                fault["kind"]], "text/plain", "fault"
        call["status"] = status
        self.record(call)
        try:
            self.answer(status, content_type, body, headers, truncate=bool(fault and fault["kind"] == "truncate"))
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def imds_token(self):
        call, fault = self._credential_call("imds", "IMDSGetToken")
        ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds")
        if ttl is None or not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
            return self._credential_answer(call, fault, 400, "text/plain", "Bad Request")
        token = base64.urlsafe_b64encode(secrets.token_bytes(42)).decode()
        with self.state.lock:
            self.state.imds_tokens[token] = now_epoch() + int(ttl)
        self._credential_answer(call, fault, 200, "text/plain", token,
                                [("X-aws-ec2-metadata-token-ttl-seconds", ttl)])

    def imds(self, path):
        config = self.state.instance_credentials
        prefix = "/latest/meta-data/iam/security-credentials/"
        operation = "IMDSGetCredentials" if path.startswith(prefix) and path != prefix else \
            "IMDSGetRoleName" if path == prefix else "IMDSGetMetadata"
        call, fault = self._credential_call("imds", operation)
        token = self.headers.get("X-aws-ec2-metadata-token")
        with self.state.lock:
            expires = self.state.imds_tokens.get(token) if token else None
        if expires is None or expires <= now_epoch():
            return self._credential_answer(call, fault, 401, "text/plain", "Unauthorized")
        if not config:
            return self._credential_answer(call, fault, 404, "text/plain", "Not Found")
        role = config.get("role", "ec2-role")
        if path == prefix:
            return self._credential_answer(call, fault, 200, "text/plain", role)
        if path == prefix + role:
            arn = "arn:aws:sts::%s:assumed-role/%s/i-0123456789abcdef0" % (config["account"], role)
            creds = self.state.issue_temporary(config["account"], arn, "AROAFAKEINSTANCEROLE:i-0123456789abcdef0")
            document = {"Code": "Success", "LastUpdated": iso8601(now_epoch()), "Type": "AWS-HMAC",
                        "AccessKeyId": creds["AccessKeyId"], "SecretAccessKey": creds["SecretAccessKey"],
                        "Token": creds["SessionToken"], "Expiration": creds["Expiration"]}
            return self._credential_answer(call, fault, 200, "text/plain", json.dumps(document, indent=2))
        if path == "/latest/meta-data/placement/region":
            return self._credential_answer(call, fault, 200, "text/plain", config.get("region", "us-east-1"))
        self._credential_answer(call, fault, 404, "text/plain", "Not Found")

    def ecs(self):
        config = self.state.container_credentials
        call, fault = self._credential_call("ecs", "ECSGetCredentials")
        if not config:
            return self._credential_answer(call, fault, 404, "application/json",
                                           json.dumps({"code": "NotFound", "message": "no credentials"}))
        if config.get("token") is not None and self.headers.get("Authorization") != config["token"]:
            return self._credential_answer(call, fault, 401, "application/json", json.dumps(
                {"code": "InvalidAuthorizationToken", "message": "Authorization token is missing or invalid"}))
        role = config.get("role", "ecs-task-role")
        role_arn = "arn:aws:iam::%s:role/%s" % (config["account"], role)
        arn = "arn:aws:sts::%s:assumed-role/%s/task-0123456789" % (config["account"], role)
        creds = self.state.issue_temporary(config["account"], arn, "AROAFAKETASKROLE:task-0123456789")
        document = {"RoleArn": role_arn, "AccessKeyId": creds["AccessKeyId"],
                    "SecretAccessKey": creds["SecretAccessKey"], "Token": creds["SessionToken"],
                    "Expiration": creds["Expiration"]}
        self._credential_answer(call, fault, 200, "application/json", json.dumps(document))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # the benchmark opens many connections at once
    block_on_close = False


def main():
    parser = argparse.ArgumentParser(description="A local AWS endpoint for stance's tests")
    parser.add_argument("--state", required=True, help="the state file (README.md)")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    try:
        with open(args.state, encoding="utf-8") as handle:
            state = State(json.load(handle))
    except (OSError, ValueError, KeyError, TypeError) as problem:
        print("fake_aws: cannot load state %s: %s" % (args.state, problem), file=sys.stderr)
        return 2
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = state

    def stop(*_):
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)

    def watch_stdin():
        # The test keeps our stdin open; when it exits (or crashes) the pipe closes and so do we.
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    sys.stdout.write("PORT %d\n" % server.server_address[1])
    sys.stdout.flush()
    server.serve_forever(poll_interval=0.2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
