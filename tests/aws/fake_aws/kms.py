"""KMS for fake_aws (server.py): JSON 1.1 with X-Amz-Target "TrentService.<Op>": DescribeKey,
GetKeyRotationStatus, EnableKeyRotation. The state's "keys" section (README.md). server.py routes the
TrentService target here and serves the calls like any JSON 1.1 service (signatures, faults, call log)."""
import copy
import re

KMS_TARGET = "TrentService."
KEY_ID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^mrk-[0-9a-f]{32}$")
KEY_ARN_RE = re.compile(r"^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key/(.+)$")
ALIAS_ARN_RE = re.compile(r"^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(alias/.+)$")


class KmsState:
    """The keys, by key ID. Guarded by the server State's lock."""

    def __init__(self, data):
        self.keys = {}
        for key_id, key in data.get("keys", {}).items():
            if key_id.startswith("_"):
                continue
            if not KEY_ID_RE.match(key_id):
                raise ValueError("key %s: a key ID is a UUID (or mrk-<32 hex digits>)" % key_id)
            if not isinstance(key, dict) or not re.match(r"^\d{12}$", str(key.get("owner", ""))):
                raise ValueError("key %s: needs its owner (a 12-digit account ID)" % key_id)
            stored = copy.deepcopy(key)
            stored.setdefault("region", "us-east-1")
            stored.setdefault("manager", "CUSTOMER")
            stored.setdefault("rotation", stored["manager"] == "AWS")
            for alias in stored.get("aliases", []):
                if not str(alias).startswith("alias/"):
                    raise ValueError("key %s: alias %s must start with alias/" % (key_id, alias))
            self.keys[key_id] = stored


def key_arn(key_id, key):
    return "arn:aws:kms:%s:%s:key/%s" % (key["region"], key["owner"], key_id)


def error(server, code, message):
    return server.AwsError(code, message, 400)


def find_key(server, state, call, params, allow_alias):
    """The (key ID, key) a KeyId parameter names for this caller in this region, or raises as KMS does."""
    name = params.get("KeyId")
    if not isinstance(name, str) or not name:
        raise error(server, "ValidationException", "1 validation error detected: Value null at 'keyId' failed to "
                    "satisfy constraint: Member must not be null")
    call["resource"] = name
    region, account = call["region"], call["account"]
    wanted_alias = None
    match = KEY_ARN_RE.match(name)
    alias_match = ALIAS_ARN_RE.match(name)
    if match:
        region, account, key_id = match.groups()
    elif alias_match:
        region, account, wanted_alias = alias_match.groups()
        key_id = None
    elif name.startswith("alias/"):
        wanted_alias, key_id = name, None
    else:
        key_id = name
    if wanted_alias and not allow_alias:
        raise error(server, "NotFoundException", "Alias %s is not a valid key ID or key ARN" % name)
    if region != call["region"]:
        raise error(server, "NotFoundException", "Invalid arn %s" % name)
    with state.lock:
        found = None
        for kid, key in state.kms.keys.items():
            if key["region"] != region or key["owner"] != account:
                continue
            if (key_id and kid == key_id) or (wanted_alias and wanted_alias in key.get("aliases", [])):
                found = (kid, copy.deepcopy(key))
                break
    if found is None:
        if wanted_alias:
            raise error(server, "NotFoundException", "Alias arn:aws:kms:%s:%s:%s is not found." % (
                region, account, wanted_alias))
        raise error(server, "NotFoundException", "Key 'arn:aws:kms:%s:%s:key/%s' does not exist" % (
            region, account, key_id))
    kid, key = found
    call["resource"] = key_arn(kid, key)
    if call["account"] != key["owner"] and call["account"] not in key.get("readers", []):
        raise error(server, "AccessDeniedException", "User: %s is not authorized to perform: kms:%s on resource: %s "
                    "because no resource-based policy allows the kms:%s action" % (
                        call.get("caller_arn"), call["operation"], key_arn(kid, key), call["operation"]))
    return kid, key


def describe_key(server, state, call, params):
    kid, key = find_key(server, state, call, params, allow_alias=True)
    metadata = {
        "AWSAccountId": key["owner"], "KeyId": kid, "Arn": key_arn(kid, key), "CreationDate": 1577836800.0,
        "Enabled": key.get("enabled", True), "Description": key.get("description", ""),
        "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": key.get("state", "Enabled"), "Origin": "AWS_KMS",
        "KeyManager": key["manager"], "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "KeySpec": "SYMMETRIC_DEFAULT",
        "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "MultiRegion": kid.startswith("mrk-"),
    }
    return {"KeyMetadata": metadata}


def get_key_rotation_status(server, state, call, params):
    kid, key = find_key(server, state, call, params, allow_alias=False)
    answer = {"KeyRotationEnabled": bool(key["rotation"]), "KeyId": key_arn(kid, key)}
    if key["rotation"]:
        answer["RotationPeriodInDays"] = 365
    return answer


def enable_key_rotation(server, state, call, params):
    kid, key = find_key(server, state, call, params, allow_alias=False)
    if call["account"] != key["owner"]:
        raise error(server, "AccessDeniedException", "User: %s is not authorized to perform: kms:EnableKeyRotation "
                    "on resource: %s" % (call.get("caller_arn"), key_arn(kid, key)))
    if key["manager"] == "AWS":
        raise error(server, "UnsupportedOperationException", "%s is an AWS managed key; its rotation cannot be "
                    "changed" % key_arn(kid, key))
    with state.lock:
        state.kms.keys[kid]["rotation"] = True
    return {}


def operations(server):
    """The TrentService operation table, in server.py's handler shape (state, call, params)."""
    return {name: (lambda fn: lambda state, call, params: fn(server, state, call, params))(fn) for name, fn in {
        "DescribeKey": describe_key,
        "GetKeyRotationStatus": get_key_rotation_status,
        "EnableKeyRotation": enable_key_rotation,
    }.items()}
