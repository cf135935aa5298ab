"""fake_aws: SQS ReceiveMessage / DeleteMessage (JSON 1.0, X-Amz-Target AmazonSQS.<Op>) for `stance watch --queue`.

The state's "sqs_queues" lists queue URLs. Each stands for a queue that deploy/eventbridge.yaml's rule fills:
every CloudTrail event events.py records is also sent to every queue, wrapped as EventBridge wraps it
("detail-type": "AWS API Call via CloudTrail", "detail": the CloudTrail record). A received message is invisible
for VisibilityTimeout seconds (default 30) and comes back unless deleted by its receipt handle; ReceiveMessage
waits up to WaitTimeSeconds for a message. Standard library only.
"""
import json
import time
import uuid


class SqsError(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def _queues(state):
    if not hasattr(state, "sqs_messages"):
        state.sqs_messages = {url: [] for url in getattr(state, "sqs_queue_urls", ())}
    return state.sqs_messages


def forward(state, event, record):
    """events.py listener: the EventBridge rule sends the event to every queue."""
    envelope = {
        "version": "0", "id": str(uuid.uuid4()), "detail-type": "AWS API Call via CloudTrail",
        "source": "aws." + record["eventSource"].split(".")[0], "account": record.get("recipientAccountId"),
        "time": record["eventTime"], "region": record.get("awsRegion"), "resources": [], "detail": record,
    }
    with state.lock:
        for messages in _queues(state).values():
            messages.append({"MessageId": str(uuid.uuid4()), "Body": json.dumps(envelope), "visible_at": 0,
                             "receipt": None})


def _queue(state, params):
    url = params.get("QueueUrl")
    queues = _queues(state)
    if url not in queues:
        raise SqsError("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.")
    return queues[url]


def receive_message(state, call, params):
    limit = params.get("MaxNumberOfMessages", 1)
    wait = params.get("WaitTimeSeconds", 0)
    visibility = params.get("VisibilityTimeout", 30)
    for name, value, low, high in (("MaxNumberOfMessages", limit, 1, 10), ("WaitTimeSeconds", wait, 0, 20),
                                   ("VisibilityTimeout", visibility, 0, 43200)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise SqsError("InvalidParameterValue", "Value %r for parameter %s is invalid." % (value, name))
    deadline = time.time() + wait
    while True:
        with state.lock:
            queue = _queue(state, params)
            now = time.time()
            taken = []
            for message in queue:
                if len(taken) >= limit:
                    break
                if message["visible_at"] <= now:
                    message["visible_at"] = now + visibility
                    message["receipt"] = str(uuid.uuid4())
                    taken.append({"MessageId": message["MessageId"], "ReceiptHandle": message["receipt"],
                                  "Body": message["Body"]})
        if taken or time.time() >= deadline:
            return {"Messages": taken} if taken else {}
        time.sleep(0.1)


def delete_message(state, call, params):
    receipt = params.get("ReceiptHandle")
    with state.lock:
        queue = _queue(state, params)
        for index, message in enumerate(queue):
            if message["receipt"] == receipt and receipt:
                del queue[index]
                return {}
    raise SqsError("ReceiptHandleIsInvalid", "The input receipt handle is invalid.")


def messages(state):
    with state.lock:
        return {url: len(queue) for url, queue in _queues(state).items()}


OPERATIONS = {"ReceiveMessage": receive_message, "DeleteMessage": delete_message}
