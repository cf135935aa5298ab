"""fake_aws: CloudTrail event history (LookupEvents) for `stance watch`.

Every successful call of a watched management operation (the trail writes this endpoint serves -- PutEventSelectors,
UpdateTrail, StartLogging, StopLogging -- and any S3 / KMS / CloudTrail operation of the names below that other
modules add) is recorded as an event of the caller's account in the call's region, the way CloudTrail's event
history does: EventId, EventName, EventTime, EventSource, Username, Resources and the CloudTrailEvent record as
a JSON string. LookupEvents answers them newest first with AWS's parameters and errors. Standard library only.
"""
import base64
import json
import time
import uuid

# Operations recorded as events, by the service that serves them.
RECORDED = {
    "cloudtrail": {"CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging", "PutEventSelectors"},
    "s3": {"PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutPublicAccessBlock", "DeletePublicAccessBlock",
           "PutBucketVersioning", "PutBucketLogging", "PutObjectLockConfiguration"},
    "kms": {"DisableKeyRotation", "ScheduleKeyDeletion", "EnableKeyRotation"},
}
RESOURCE_TYPES = {"cloudtrail": "AWS::CloudTrail::Trail", "s3": "AWS::S3::Bucket", "kms": "AWS::KMS::Key"}
LOOKUP_KEYS = ("EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource",
               "AccessKeyId")


# Called with (state, event, record) after each recorded event (sqs.py forwards it as EventBridge would).
LISTENERS = []


class LookupError_(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


def _log(state):
    # Created on first use, so server.py's State needs no change: (account, region) -> events, oldest first.
    if not hasattr(state, "event_history"):
        state.event_history = {}
    return state.event_history


def record_event(state, call, params):
    """Called after a successful AWS call; records it when it is a watched write."""
    service, operation = call.get("service"), call.get("operation")
    if operation not in RECORDED.get(service, ()):
        return
    resource = call.get("trail_arn") or call.get("resource") or params.get("bucketName") or params.get("Bucket") \
        or params.get("KeyId") or ""
    username = (call.get("caller_arn") or "").rsplit("/", 1)[-1]
    event_time = int(time.time())
    request_parameters = {k: v for k, v in params.items() if isinstance(v, (str, bool, int))} \
        if isinstance(params, dict) else {}
    record = {
        "eventVersion": "1.09", "eventTime": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(event_time)),
        "eventSource": "%s.amazonaws.com" % service, "eventName": operation, "awsRegion": call.get("region"),
        "userIdentity": {"type": "IAMUser", "arn": call.get("caller_arn"), "accountId": call.get("account"),
                         "accessKeyId": call.get("access_key_id")},
        "requestParameters": {k[0].lower() + k[1:]: v for k, v in request_parameters.items()},
        "readOnly": False, "eventType": "AwsApiCall", "managementEvent": True,
        "recipientAccountId": call.get("account"), "eventID": str(uuid.uuid4()),
    }
    event = {
        "EventId": record["eventID"], "EventName": operation, "ReadOnly": "false",
        "AccessKeyId": call.get("access_key_id"), "EventTime": event_time,
        "EventSource": record["eventSource"], "Username": username,
        "Resources": [{"ResourceType": RESOURCE_TYPES[service], "ResourceName": resource}] if resource else [],
        "CloudTrailEvent": json.dumps(record),
    }
    with state.lock:
        _log(state).setdefault((call.get("account"), call.get("region")), []).append(event)
    for listener in LISTENERS:
        listener(state, event, record)


def _time_param(params, key):
    value = params.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise LookupError_("SerializationException", "Invalid type for parameter %s, value: %r" % (key, value))
    return float(value)


def _matches(event, attribute):
    key, value = attribute["AttributeKey"], attribute["AttributeValue"]
    if key in ("ResourceType", "ResourceName"):
        field = key
        return any(r.get(field) == value for r in event["Resources"])
    return str(event.get(key)) == value


def lookup_events(state, call, params):
    """CloudTrail LookupEvents: the caller's events in the call's region, newest first, paginated."""
    attributes = params.get("LookupAttributes", [])
    if not isinstance(attributes, list):
        raise LookupError_("SerializationException", "LookupAttributes must be a list")
    if len(attributes) > 1:
        raise LookupError_("InvalidLookupAttributesException", "You can specify only one lookup attribute.")
    for attribute in attributes:
        if not isinstance(attribute, dict) or attribute.get("AttributeKey") not in LOOKUP_KEYS or \
                not isinstance(attribute.get("AttributeValue"), str):
            raise LookupError_("InvalidLookupAttributesException", "The lookup attribute is not valid.")
    start, end = _time_param(params, "StartTime"), _time_param(params, "EndTime")
    if start is not None and end is not None and start > end:
        raise LookupError_("InvalidTimeRangeException", "The start time must be earlier than the end time.")
    limit = params.get("MaxResults", 50)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 50:
        raise LookupError_("InvalidMaxResultsException", "MaxResults must be between 1 and 50.")
    limit = min(limit, int(state.page_size.get("LookupEvents", 50)))
    account, region = call["account"], call["region"]
    with state.lock:
        events = list(_log(state).get((account, region), []))
    events = [e for e in reversed(events)
              if (start is None or e["EventTime"] >= start) and (end is None or e["EventTime"] <= end)
              and all(_matches(e, a) for a in attributes)]
    offset = 0
    token = params.get("NextToken")
    if token is not None:
        try:
            decoded = json.loads(base64.b64decode(token, validate=True))
            if decoded[0] != "LookupEvents" or decoded[2] != account or decoded[3] != region or decoded[1] < 0:
                raise ValueError(token)
            offset = int(decoded[1])
        except (ValueError, TypeError, IndexError):
            raise LookupError_("InvalidNextTokenException", "A token that is not valid was specified.") from None
    page = events[offset:offset + limit]
    answer = {"Events": page}
    if offset + limit < len(events):
        answer["NextToken"] = base64.b64encode(json.dumps(
            ["LookupEvents", offset + limit, account, region]).encode()).decode()
    return answer
