"""fake_aws: SNS Publish (query protocol, API version 2010-03-31) for `stance watch --sns-topic`.

A topic exists when it is listed in the state's "sns_topics" (topic ARNs); Publish to any other topic answers
NotFound, as AWS does. Published messages are kept in memory and listed by GET /__stance/sns_messages.
Standard library only.
"""
import uuid
from xml.sax.saxutils import escape as xml_escape

SNS_VERSION = "2010-03-31"
SNS_NS = "http://sns.amazonaws.com/doc/2010-03-31/"


class SnsError(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def messages(state):
    with state.lock:
        return list(getattr(state, "sns_messages", []))


def publish(state, call, params):
    topic = params.get("TopicArn")
    if not topic:
        raise SnsError("InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required "
                       "parameter")
    message = params.get("Message")
    if message is None or message == "":
        raise SnsError("InvalidParameter", "Invalid parameter: Empty message")
    subject = params.get("Subject")
    if subject is not None and (len(subject) > 100 or any(ord(c) < 0x20 for c in subject)):
        raise SnsError("InvalidParameter", "Invalid parameter: Subject")
    if topic not in getattr(state, "sns_topics", ()):
        raise SnsError("NotFound", "Topic does not exist", 404)
    message_id = str(uuid.uuid4())
    with state.lock:
        if not hasattr(state, "sns_messages"):
            state.sns_messages = []
        state.sns_messages.append({"TopicArn": topic, "Subject": subject, "Message": message,
                                   "MessageId": message_id, "account": call.get("account"),
                                   "region": call.get("region")})
    return ('<PublishResponse xmlns="%s">\n  <PublishResult>\n    <MessageId>%s</MessageId>\n  </PublishResult>\n'
            "  <ResponseMetadata>\n    <RequestId>%s</RequestId>\n  </ResponseMetadata>\n</PublishResponse>\n"
            % (SNS_NS, xml_escape(message_id), call["request_id"]))


OPERATIONS = {"Publish": publish}
