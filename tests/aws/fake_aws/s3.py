"""S3 and S3 Control for fake_aws (server.py): REST-XML, path-style and virtual-hosted requests, S3's SigV4
(botocore's S3 rules: the path as sent, x-amz-content-sha256 required), the bucket-region redirect, the
fault switches. The state's "buckets" section and each account's "public_access_block" (README.md).

server.py calls handle(handler, body, server_module) for every request whose SigV4 scope names "s3"; the
server module is passed in so this file shares its signature check, faults and call log without importing it.
"""
import copy
import hashlib
import json
import re
import urllib.parse
from xml.etree import ElementTree
from xml.sax.saxutils import escape as xml_escape

S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GROUPS = {"AllUsers": "http://acs.amazonaws.com/groups/global/AllUsers",
          "AuthenticatedUsers": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
          "LogDelivery": "http://acs.amazonaws.com/groups/s3/LogDelivery"}
PAB_FIELDS = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
CONTROL_PREFIX = "/v20180820/configuration/publicAccessBlock"
# Virtual-hosted: BUCKET.s3.REGION.amazonaws.com, BUCKET.s3.amazonaws.com, BUCKET.s3-REGION.amazonaws.com;
# S3 Control: ACCOUNT.s3-control.REGION.amazonaws.com.
VIRTUAL_HOST_RE = re.compile(r"^(?P<bucket>.+?)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?(?::\d+)?$")
CONTROL_HOST_RE = re.compile(r"^(?P<account>\d{12})\.s3-control\.")
# Sub-resources this fake serves: query key -> operation name per method.
SUBRESOURCES = {
    "location": {"GET": "GetBucketLocation"},
    "policy": {"GET": "GetBucketPolicy"},
    "policyStatus": {"GET": "GetBucketPolicyStatus"},
    "acl": {"GET": "GetBucketAcl"},
    "publicAccessBlock": {"GET": "GetPublicAccessBlock", "PUT": "PutPublicAccessBlock"},
    "versioning": {"GET": "GetBucketVersioning"},
    "logging": {"GET": "GetBucketLogging"},
    "object-lock": {"GET": "GetObjectLockConfiguration"},
}
S3_AUTH_ERRORS = {
    "signature": (403, "SignatureDoesNotMatch", None),
    "unknown_key": (403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."),
    "expired": (400, "ExpiredToken", "The provided token has expired."),
    "missing": (403, "AccessDenied", "Access Denied"),
    "incomplete": (400, "AuthorizationHeaderMalformed", None),
    "skew": (403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too "
                                          "large."),
}
CONFINING_KEYS = ("aws:sourcearn", "aws:sourceaccount", "aws:principalorgid", "aws:sourcevpce",
                  "aws:principalaccount", "aws:sourcevpc", "aws:sourceip", "aws:principalarn", "aws:userid",
                  "aws:sourceorgid", "aws:principalorgpaths")


class S3Error(Exception):
    def __init__(self, code, message, status, extra=None, headers=()):
        super().__init__(code)
        self.code, self.message, self.status = code, message, status
        self.extra, self.headers = extra or {}, list(headers)


def canonical_owner(account_id):
    """S3's canonical user ID of an account (a stand-in: 64 hex digits derived from the ID)."""
    return hashlib.sha256(("canonical-" + account_id).encode()).hexdigest()


class S3State:
    """The buckets and the account-level public access blocks. Guarded by the server State's lock."""

    def __init__(self, data):
        self.buckets = {}
        for name, bucket in data.get("buckets", {}).items():
            if name.startswith("_"):
                continue
            if not isinstance(bucket, dict) or not re.match(r"^\d{12}$", str(bucket.get("owner", ""))):
                raise ValueError("bucket %s: needs its owner (a 12-digit account ID)" % name)
            stored = copy.deepcopy(bucket)
            stored.setdefault("region", "us-east-1")
            for grant in stored.get("acl", []):
                if not isinstance(grant, dict) or "grantee" not in grant or "permission" not in grant:
                    raise ValueError("bucket %s: every acl entry needs grantee and permission" % name)
            self.buckets[name] = stored
        self.account_blocks = {}
        for account_id, account in data.get("accounts", {}).items():
            if isinstance(account, dict) and "public_access_block" in account:
                self.account_blocks[account_id] = dict(account["public_access_block"])


def policy_is_public(policy):
    """GetBucketPolicyStatus's IsPublic, simplified: an Allow to "*" that no confining condition limits."""
    if isinstance(policy, str):
        try:
            policy = json.loads(policy)
        except ValueError:
            return False
    statements = policy.get("Statement", []) if isinstance(policy, dict) else []
    if isinstance(statements, dict):
        statements = [statements]
    for statement in statements:
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        aws = principal.get("AWS") if isinstance(principal, dict) else None
        if principal != "*" and aws != "*" and not (isinstance(aws, list) and "*" in aws):
            continue
        keys = set()
        for operator in (statement.get("Condition") or {}).values():
            if isinstance(operator, dict):
                keys.update(k.lower() for k in operator)
        if not keys & set(CONFINING_KEYS):
            return True
    return False


# --- rendering ---------------------------------------------------------------------------------------------
def element(name, children):
    """<name> with children: a dict (in order) of name -> text | dict | list of dicts."""
    return "<%s>%s</%s>" % (name, body_of(children), name)


def body_of(children):
    out = []
    for key, value in children.items():
        if isinstance(value, list):
            out.extend(element(key, v) for v in value)
        elif isinstance(value, dict):
            out.append(element(key, value))
        elif isinstance(value, bool):
            out.append("<%s>%s</%s>" % (key, "true" if value else "false", key))
        else:
            out.append("<%s>%s</%s>" % (key, xml_escape(str(value)), key))
    return "".join(out)


def document(root, children, namespace=S3_NS):
    return '<?xml version="1.0" encoding="UTF-8"?>\n<%s xmlns="%s">%s</%s>' % (root, namespace, body_of(children),
                                                                            root)


def error_xml(error, request_id):
    fields = {"Code": error.code, "Message": error.message}
    fields.update(error.extra)
    fields["RequestId"] = request_id
    fields["HostId"] = "fake_aws"
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + element("Error", fields)


def grant_xml(grant):
    grantee = grant["grantee"]
    if grantee in GROUPS:
        inner = '<Grantee xmlns:xsi="%s" xsi:type="Group"><URI>%s</URI></Grantee>' % (XSI_NS, GROUPS[grantee])
    elif isinstance(grantee, str) and grantee.startswith("http://acs.amazonaws.com/groups/"):
        inner = '<Grantee xmlns:xsi="%s" xsi:type="Group"><URI>%s</URI></Grantee>' % (XSI_NS, xml_escape(grantee))
    elif isinstance(grantee, str) and re.match(r"^\d{12}$", grantee):
        inner = ('<Grantee xmlns:xsi="%s" xsi:type="CanonicalUser"><ID>%s</ID></Grantee>'
                 % (XSI_NS, canonical_owner(grantee)))
    else:
        inner = '<Grantee xmlns:xsi="%s" xsi:type="CanonicalUser"><ID>%s</ID></Grantee>' % (XSI_NS,
                                                                                        xml_escape(str(grantee)))
    return "<Grant>%s<Permission>%s</Permission></Grant>" % (inner, xml_escape(grant["permission"]))


# --- operations --------------------------------------------------------------------------------------------
def no_such_bucket(name):
    return S3Error("NoSuchBucket", "The specified bucket does not exist", 404, {"BucketName": name})


def access_denied():
    return S3Error("AccessDenied", "Access Denied", 403)


def get_location(bucket):
    region = bucket["region"]
    constraint = "" if region == "us-east-1" else region
    return document("LocationConstraint", {})[:-len("</LocationConstraint>")] + xml_escape(constraint) + \
        "</LocationConstraint>"


def get_policy(name, bucket):
    if bucket.get("policy") is None:
        raise S3Error("NoSuchBucketPolicy", "The bucket policy does not exist", 404, {"BucketName": name})
    policy = bucket["policy"]
    return policy if isinstance(policy, str) else json.dumps(policy)


def get_policy_status(name, bucket):
    status = bucket.get("policy_status")
    if status == "unsupported":
        raise S3Error("NotImplemented", "A header you provided implies functionality that is not implemented", 501)
    if bucket.get("policy") is None:
        raise S3Error("NoSuchBucketPolicy", "The bucket policy does not exist", 404, {"BucketName": name})
    public = status if isinstance(status, bool) else policy_is_public(bucket["policy"])
    return document("PolicyStatus", {"IsPublic": public})


def get_acl(bucket):
    owner = canonical_owner(bucket["owner"])
    grants = [{"grantee": bucket["owner"], "permission": "FULL_CONTROL"}] + list(bucket.get("acl", []))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<AccessControlPolicy xmlns="%s"><Owner><ID>%s</ID></Owner>'
            "<AccessControlList>%s</AccessControlList></AccessControlPolicy>"
            % (S3_NS, owner, "".join(grant_xml(g) for g in grants)))


def public_access_block_xml(block):
    return document("PublicAccessBlockConfiguration", {f: bool(block.get(f, False)) for f in PAB_FIELDS})


def get_public_access_block(name, block):
    if block is None:
        raise S3Error("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found",
                      404, {"BucketName": name} if name else {"AccountId": ""})
    return public_access_block_xml(block)


def read_public_access_block(body, headers):
    if not headers.get("Content-MD5") and not any(k.lower().startswith("x-amz-checksum-") for k in headers.keys()):
        raise S3Error("InvalidRequest", "Missing required header for this request: Content-MD5", 400)
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise S3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our "
                      "published schema", 400)
    block = {}
    for child in root:
        local = child.tag.split("}")[-1]
        if local not in PAB_FIELDS or (child.text or "").strip() not in ("true", "false"):
            raise S3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against "
                          "our published schema", 400)
        block[local] = child.text.strip() == "true"
    return block


def get_versioning(bucket):
    versioning = bucket.get("versioning") or {}
    return document("VersioningConfiguration", {k: versioning[k] for k in ("Status", "MfaDelete") if k in versioning})


def get_logging(bucket):
    logging = bucket.get("logging")
    if not logging:
        return document("BucketLoggingStatus", {})
    enabled = {"TargetBucket": logging.get("TargetBucket", ""), "TargetPrefix": logging.get("TargetPrefix", "")}
    return document("BucketLoggingStatus", {"LoggingEnabled": enabled})


def get_object_lock(name, bucket):
    lock = bucket.get("object_lock")
    if not lock:
        raise S3Error("ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this "
                      "bucket", 404, {"BucketName": name})
    fields = {"ObjectLockEnabled": lock.get("ObjectLockEnabled", "Enabled")}
    if lock.get("Rule"):
        fields["Rule"] = lock["Rule"]
    return document("ObjectLockConfiguration", fields)


# --- the request -------------------------------------------------------------------------------------------
def address(handler):
    """(kind, bucket or account, subresource query dict): kind is "bucket" or "control"."""
    split = urllib.parse.urlsplit(handler.path)
    query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
    host = handler.headers.get("Host", "")
    path = urllib.parse.unquote(split.path)
    control = CONTROL_HOST_RE.match(host)
    if control or path.startswith("/v20180820/"):
        return "control", path, query
    virtual = VIRTUAL_HOST_RE.match(host)
    if virtual:
        return "bucket", virtual.group("bucket"), query
    parts = path.lstrip("/").split("/", 1)
    return "bucket", parts[0], query


def operation_of(method, kind, target, query):
    if kind == "control":
        if target != CONTROL_PREFIX:
            return None
        return {"GET": "GetPublicAccessBlock", "PUT": "PutPublicAccessBlock"}.get(method)
    for key, operations in SUBRESOURCES.items():
        if key in query:
            return operations.get(method)
    return None


def handle(handler, body, server):
    state = handler.state
    request_id = server.uuid.uuid4().hex[:16].upper()
    kind, target, query = address(handler)
    call = {"request_id": request_id, "status": None, "error": None, "fault": None,
            "service": "s3control" if kind == "control" else "s3", "operation": operation_of(
                handler.command, kind, target, query) or "%s %s" % (handler.command, handler.path.split("?")[0])}
    headers = [("x-amz-request-id", request_id), ("x-amz-id-2", "fake_aws")]
    fault = None
    content_type = "application/xml"
    try:
        caller = server.verify_signature(state, handler.command, handler.path, handler.headers, body,
                                         signer_class=s3_signer(server))
        call.update(region=caller["region"], account=caller["account"], access_key_id=caller["akid"],
                    caller_arn=caller["arn"])
        if not handler.headers.get("x-amz-content-sha256"):
            raise S3Error("InvalidRequest", "Missing required header for this request: x-amz-content-sha256", 400)
        if call["operation"].startswith(("GET ", "PUT ", "POST ", "DELETE ", "HEAD ")):
            raise S3Error("NotImplemented", "This fake does not serve %s" % call["operation"], 501)
        if kind == "bucket":
            call["resource"] = call["bucket"] = target
        else:
            call["target_account"] = handler.headers.get("x-amz-account-id")
        delays, fault = server.take_faults(state, call)
        latency = state.latency_ms + sum(delays) + (int(fault.get("ms", 30000)) if fault and
                                                    fault["kind"] == "timeout" else 0)
        if latency:
            server.time.sleep(latency / 1000.0)
        if fault:
            call["fault"] = fault["kind"]
            if fault["kind"] == "reset":
                call["status"] = 0
                handler.record(call)
                return handler.reset_connection()
            if fault["kind"] == "throttle":
                raise S3Error("SlowDown", "Please reduce your request rate.", 503)
            if fault["kind"] == "server_error":
                raise S3Error("InternalError", "We encountered an internal error. Please try again.", 500)
            if fault["kind"] == "access_denied":
                raise access_denied()
        if kind == "control":
            text = control_call(state, call, handler, body)
        else:
            text, content_type = bucket_call(state, call, target, handler, body)
        status = 200
    except Exception as problem:  # noqa: B902 — every failure answers, never hangs a test
        if isinstance(problem, server.AwsError):
            status, code, message = server.resolve_error(problem, "json")
            if problem.kind:
                status, code, default = S3_AUTH_ERRORS[problem.kind]
                message = problem.message or default or server.SIGNATURE_MISMATCH
            problem = S3Error(code, message, status)
        elif not isinstance(problem, S3Error):
            print("fake_aws: %s failed: %s" % (call.get("operation"), type(problem).__name__), file=server.sys.stderr)
            problem = S3Error("InternalError", "We encountered an internal error. Please try again.", 500)
        status, content_type, text = problem.status, "application/xml", error_xml(problem, request_id)
        headers += problem.headers
        call["error"] = problem.code
    call["status"] = status
    handler.record(call)
    try:
        handler.answer(status, content_type, text, headers, truncate=bool(fault and fault["kind"] == "truncate"))
    except (BrokenPipeError, ConnectionResetError):
        handler.close_connection = True


def s3_signer(server):
    class S3SignedHeadersOnly(server._SignedHeadersOnly):  # pylint: disable=protected-access
        """botocore's S3SigV4Auth rule: the path is signed as sent, neither normalised nor re-encoded."""

        def _normalize_url_path(self, path):
            return path
    return S3SignedHeadersOnly


def bucket_call(state, call, name, handler, body):
    with state.lock:
        bucket = state.s3.buckets.get(name)
        bucket = copy.deepcopy(bucket) if bucket else None
    if bucket is None:
        raise no_such_bucket(name)
    if call["account"] != bucket["owner"] and call["account"] not in bucket.get("readers", []):
        raise access_denied()
    operation = call["operation"]
    # Every call but GetBucketLocation must reach the bucket's region (AWS: a 301 naming it).
    if operation != "GetBucketLocation" and call["region"] != bucket["region"]:
        raise S3Error("PermanentRedirect", "The bucket you are attempting to access must be addressed using the "
                      "specified endpoint. Please send all future requests to this endpoint.", 301,
                      {"Endpoint": "s3.%s.amazonaws.com" % bucket["region"], "Bucket": name},
                      [("x-amz-bucket-region", bucket["region"])])
    if operation == "GetBucketLocation":
        return get_location(bucket), "application/xml"
    if operation == "GetBucketPolicy":
        return get_policy(name, bucket), "application/json"
    if operation == "GetBucketPolicyStatus":
        return get_policy_status(name, bucket), "application/xml"
    if operation == "GetBucketAcl":
        return get_acl(bucket), "application/xml"
    if operation == "GetPublicAccessBlock":
        return get_public_access_block(name, bucket.get("public_access_block")), "application/xml"
    if operation == "PutPublicAccessBlock":
        if call["account"] != bucket["owner"]:
            raise access_denied()
        block = read_public_access_block(body, handler.headers)
        with state.lock:
            state.s3.buckets[name]["public_access_block"] = block
        return "", "application/xml"
    if operation == "GetBucketVersioning":
        return get_versioning(bucket), "application/xml"
    if operation == "GetBucketLogging":
        return get_logging(bucket), "application/xml"
    return get_object_lock(name, bucket), "application/xml"


def control_call(state, call, handler, body):
    account = handler.headers.get("x-amz-account-id", "")
    if not re.match(r"^\d{12}$", account):
        raise S3Error("InvalidRequest", "Missing required header for this request: x-amz-account-id", 400)
    if account != call["account"]:
        raise access_denied()
    if call["operation"] == "PutPublicAccessBlock":
        block = read_public_access_block(body, handler.headers)
        with state.lock:
            state.s3.account_blocks[account] = block
        return ""
    with state.lock:
        block = state.s3.account_blocks.get(account)
    if block is None:
        raise S3Error("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found",
                      404, {"AccountId": account})
    return public_access_block_xml(block)
