#!/usr/bin/env python3
"""Generates a deterministic corpus of CloudFormation templates for the benchmark.

Each template is 5-20 KB of realistic CloudFormation: parameters (with and without defaults), conditions,
intrinsic functions (short-form tags and long form in YAML, long form in JSON), a CloudTrail log bucket
with its policy, 1-3 AWS::CloudTrail::Trail resources with varied selectors (passing, failing, unresolvable,
conditional), and filler resources (IAM roles, Lambda functions, queues, tables, security groups, ...)
until the target size is reached. About 60% of the files are YAML, 40% JSON.

Standard library only. The same --count and --seed always give byte-identical files.

    gen-corpus.py --count 1000 --seed 1 --out /tmp/corpus

Prints one summary line (templates, trails, bytes) on stdout.
"""

import argparse
import json
import os
import random
import re
import sys


# --- intrinsic functions -------------------------------------------------------------------------------------

class Fn:
  """An intrinsic function call. `name` is the short tag without '!' (Ref, Sub, GetAtt, If, ...)."""

  def __init__(self, name, arg):
    self.name = name
    self.arg = arg

  def long_form(self):
    """The JSON (and long YAML) spelling: {"Ref": x} or {"Fn::Name": x}; GetAtt takes a two-element list."""
    if self.name == "Ref":
      return {"Ref": self.arg}
    if self.name == "Condition":
      return {"Condition": self.arg}
    arg = self.arg
    if self.name == "GetAtt" and isinstance(arg, str):
      arg = arg.split(".", 1)
    return {"Fn::" + self.name: arg}


class Raw:
  """A scalar written verbatim in YAML (e.g. `True`, `'FALSE'`) and as `json_value` in JSON."""

  def __init__(self, yaml_text, json_value):
    self.yaml_text = yaml_text
    self.json_value = json_value


def ref(x):
  return Fn("Ref", x)


def sub(x):
  return Fn("Sub", x)


def getatt(x):
  return Fn("GetAtt", x)


def if_(cond, a, b):
  return Fn("If", [cond, a, b])


def no_value():
  return ref("AWS::NoValue")


# --- emitters -------------------------------------------------------------------------------------------------

def to_json_value(node):
  if isinstance(node, Fn):
    return to_json_value(node.long_form())
  if isinstance(node, Raw):
    return node.json_value
  if isinstance(node, dict):
    return {k: to_json_value(v) for k, v in node.items()}
  if isinstance(node, list):
    return [to_json_value(v) for v in node]
  return node


_YAML_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
# Plain (unquoted) in block context: starts with a letter or '/', no ': ' or ' #', does not end in ':'.
_BLOCK_PLAIN = re.compile(r"^[A-Za-z/][A-Za-z0-9_./:@=+*, ()\-]*[A-Za-z0-9_./*)\-]$|^[A-Za-z]$")
# Plain in flow context ([a, b]): no ':' and no flow indicators at all.
_FLOW_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]*$")


def yaml_scalar(value, flow):
  if isinstance(value, Raw):
    return value.yaml_text
  if value is True:
    return "true"
  if value is False:
    return "false"
  if value is None:
    return "null"
  if isinstance(value, (int, float)):
    return repr(value)
  s = str(value)
  pattern = _FLOW_PLAIN if flow else _BLOCK_PLAIN
  if pattern.match(s) and s.lower() not in _YAML_RESERVED and ": " not in s and " #" not in s:
    return s
  return "'" + s.replace("'", "''") + "'"


def is_scalar(node):
  return not isinstance(node, (dict, list, Fn))


def flowable(node):
  """True when the node can be written on one line in flow style (scalars, short tags, lists of those)."""
  if isinstance(node, Fn):
    # `!ImportValue !Sub x` would put two tags on one node, which YAML forbids.
    return not isinstance(node.arg, Fn) and flowable(node.arg)
  if isinstance(node, list):
    return all(flowable(v) for v in node)
  if isinstance(node, dict):
    return False
  return not (isinstance(node, str) and "\n" in node)


def yaml_flow(node):
  if isinstance(node, Fn):
    return "!" + node.name + " " + yaml_flow(node.arg)
  if isinstance(node, list):
    return "[" + ", ".join(yaml_flow(v) for v in node) + "]"
  return yaml_scalar(node, flow=True)


class YamlWriter:
  """A small block-style YAML emitter. `short_tags` chooses `!Ref x` over `Ref: x` for intrinsics."""

  def __init__(self, short_tags):
    self.short_tags = short_tags
    self.lines = []

  def value_after_key(self, prefix, node, indent):
    """Writes `prefix` (e.g. '  Key:' or '  -') followed by node."""
    if isinstance(node, Fn) and self.short_tags and not isinstance(node.arg, Fn):
      if is_scalar(node.arg) and not (isinstance(node.arg, str) and "\n" in node.arg):
        self.lines.append(f"{prefix} !{node.name} {yaml_scalar(node.arg, flow=False)}")
      elif isinstance(node.arg, str):
        self.literal(f"{prefix} !{node.name}", node.arg, indent)
      elif flowable(node.arg) and len(yaml_flow(node)) < 70:
        self.lines.append(f"{prefix} {yaml_flow(node)}")
      else:
        self.lines.append(f"{prefix} !{node.name}")
        self.block(node.arg, indent + 2)
      return
    if isinstance(node, Fn):
      node = node.long_form()
    if isinstance(node, dict):
      if not node:
        self.lines.append(f"{prefix} {{}}")
      else:
        self.lines.append(prefix)
        self.block(node, indent + 2)
    elif isinstance(node, list):
      if not node:
        self.lines.append(f"{prefix} []")
      else:
        self.lines.append(prefix)
        self.block(node, indent + 2)
    elif isinstance(node, str) and "\n" in node:
      self.literal(prefix, node, indent)
    else:
      self.lines.append(f"{prefix} {yaml_scalar(node, flow=False)}")

  def literal(self, prefix, text, indent):
    self.lines.append(f"{prefix} |")
    pad = " " * (indent + 2)
    for line in text.rstrip("\n").split("\n"):
      self.lines.append(pad + line if line else "")

  def block(self, node, indent):
    pad = " " * indent
    if isinstance(node, Fn):
      node = node.long_form()
    if isinstance(node, dict):
      for key, value in node.items():
        self.value_after_key(f"{pad}{yaml_scalar(key, flow=False)}:", value, indent)
    elif isinstance(node, list):
      for item in node:
        if isinstance(item, dict) and item and not isinstance(item, Fn):
          # "- Key: value" with the remaining keys aligned under the first one.
          start = len(self.lines)
          self.block(item, indent + 2)
          first = self.lines[start]
          self.lines[start] = pad + "- " + first[indent + 2:]
        else:
          self.value_after_key(f"{pad}-", item, indent + 2)
    else:
      self.lines.append(pad + yaml_scalar(node, flow=False))


def emit_yaml(template, short_tags):
  writer = YamlWriter(short_tags)
  for key, value in template.items():
    if key in ("Parameters", "Conditions", "Resources", "Outputs", "Mappings") and writer.lines:
      writer.lines.append("")
    writer.value_after_key(f"{key}:", value, 0)
  return "\n".join(writer.lines) + "\n"


def emit_json(template, indent):
  return json.dumps(to_json_value(template), indent=indent) + "\n"


# --- template pieces ------------------------------------------------------------------------------------------

WORDS = ["audit", "billing", "orders", "ledger", "search", "ingest", "reports", "identity", "payments",
         "catalog", "metrics", "events", "archive", "gateway", "profile", "notify", "backup", "export"]
ENVIRONMENTS = ["dev", "test", "staging", "prod"]


def camel(*parts):
  return "".join(p[:1].upper() + p[1:] for p in parts)


class TemplateBuilder:
  def __init__(self, rng, index):
    self.rng = rng
    self.index = index
    self.app = rng.choice(WORDS)
    self.params = {}
    self.conditions = {}
    self.resources = {}
    self.outputs = {}
    self.trail_count = 0

  # Parameters and conditions every template has, so trails and fillers can refer to them.
  def base(self):
    rng = self.rng
    self.params["Environment"] = {"Type": "String", "Default": rng.choice(ENVIRONMENTS),
                                  "AllowedValues": list(ENVIRONMENTS),
                                  "Description": "Deployment stage; production enables stricter settings."}
    self.params["ProjectName"] = {"Type": "String", "Default": self.app,
                                  "AllowedPattern": "^[a-z][a-z0-9-]{2,30}$",
                                  "Description": "Lower-case name used as a prefix for resource names."}
    self.params["KmsKeyArn"] = {"Type": "String", "Default": "",
                                "Description": "Optional customer-managed KMS key for log encryption."}
    self.params["LogRetentionDays"] = {"Type": "Number", "Default": rng.choice([14, 30, 90, 365]),
                                       "AllowedValues": [1, 7, 14, 30, 90, 180, 365]}
    self.conditions["IsProduction"] = Fn("Equals", [ref("Environment"), "prod"])
    self.conditions["HasKmsKey"] = Fn("Not", [Fn("Equals", [ref("KmsKeyArn"), ""])])
    self.resources["TrailBucket"] = {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "Properties": {
            "BucketName": sub("${ProjectName}-${Environment}-trail-${AWS::AccountId}"),
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [{
                "ServerSideEncryptionByDefault": if_("HasKmsKey",
                                                     {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": ref("KmsKeyArn")},
                                                     {"SSEAlgorithm": "AES256"})}]},
            "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                               "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
            "VersioningConfiguration": {"Status": "Enabled"},
            "LifecycleConfiguration": {"Rules": [{"Id": "expire-old-logs", "Status": "Enabled",
                                                  "ExpirationInDays": rng.choice([365, 730, 2555])}]},
            "Tags": self.tags(),
        },
    }
    self.resources["TrailBucketPolicy"] = {
        "Type": "AWS::S3::BucketPolicy",
        "Properties": {
            "Bucket": ref("TrailBucket"),
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Sid": "AWSCloudTrailAclCheck", "Effect": "Allow",
                 "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:GetBucketAcl",
                 "Resource": getatt("TrailBucket.Arn")},
                {"Sid": "AWSCloudTrailWrite", "Effect": "Allow",
                 "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject",
                 "Resource": sub("${TrailBucket.Arn}/AWSLogs/${AWS::AccountId}/*"),
                 "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}},
            ]},
        },
    }
    self.resources["TrailLogGroup"] = {
        "Type": "AWS::Logs::LogGroup",
        "Properties": {"LogGroupName": sub("/aws/cloudtrail/${ProjectName}-${Environment}"),
                       "RetentionInDays": ref("LogRetentionDays")},
    }
    self.resources["TrailLogRole"] = {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                "Action": "sts:AssumeRole"}]},
            "Policies": [{"PolicyName": "cloudtrail-to-cloudwatch", "PolicyDocument": {
                "Version": "2012-10-17", "Statement": [{
                    "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                    "Resource": getatt("TrailLogGroup.Arn")}]}}],
        },
    }

  def tags(self):
    return [{"Key": "Project", "Value": ref("ProjectName")}, {"Key": "Environment", "Value": ref("Environment")},
            {"Key": "Owner", "Value": self.rng.choice(["platform-team", "security", "data-eng", "sre"])}]

  # --- trails --------------------------------------------------------------------------------------------------

  def bool_spelling(self, value):
    """true/false in one of the spellings CloudFormation accepts (bool, capitalised, quoted string)."""
    text = "true" if value else "false"
    choice = self.rng.randrange(6)
    if choice < 3:
      return value
    if choice == 3:
      return Raw(text.capitalize(), value)
    if choice == 4:
      return Raw("'" + text + "'", text)
    return Raw('"' + text.upper() + '"', text.upper())

  def data_resources(self):
    rng = self.rng
    if rng.random() < 0.5:
      return [{"Type": "AWS::S3::Object", "Values": [sub("${TrailBucket.Arn}/"), "arn:aws:s3:::"]}]
    return [{"Type": "AWS::Lambda::Function", "Values": ["arn:aws:lambda"]}]

  def basic_selectors(self):
    """(selectors, kind): a list of EventSelectors and a word saying what it was meant to test."""
    rng = self.rng
    kind = rng.choice(["all", "absent-fields", "read-only", "write-only", "no-management", "split-read-write",
                       "exclusions", "param-with-default", "param-without-default", "if-condition",
                       "invalid-boolean"])
    sel = {}
    if kind == "all":
      sel = {"IncludeManagementEvents": self.bool_spelling(True), "ReadWriteType": "All"}
    elif kind == "absent-fields":
      sel = {"DataResources": self.data_resources()}
    elif kind == "read-only":
      sel = {"IncludeManagementEvents": self.bool_spelling(True), "ReadWriteType": "ReadOnly"}
    elif kind == "write-only":
      sel = {"ReadWriteType": "WriteOnly"}
    elif kind == "no-management":
      sel = {"IncludeManagementEvents": self.bool_spelling(False), "ReadWriteType": "All",
             "DataResources": self.data_resources()}
    elif kind == "split-read-write":
      return [{"IncludeManagementEvents": True, "ReadWriteType": "ReadOnly"},
              {"IncludeManagementEvents": True, "ReadWriteType": "WriteOnly",
               "DataResources": self.data_resources()}], kind
    elif kind == "exclusions":
      sel = {"IncludeManagementEvents": True, "ReadWriteType": "All",
             "ExcludeManagementEventSources": rng.choice([["kms.amazonaws.com"],
                                                          ["kms.amazonaws.com", "rdsdata.amazonaws.com"]])}
    elif kind == "param-with-default":
      name = f"ManagementEvents{self.trail_count}"
      self.params[name] = {"Type": "String", "Default": rng.choice(["true", "false"]),
                           "AllowedValues": ["true", "false"]}
      sel = {"IncludeManagementEvents": ref(name), "ReadWriteType": "All"}
    elif kind == "param-without-default":
      name = f"ReadWriteType{self.trail_count}"
      self.params[name] = {"Type": "String", "AllowedValues": ["All", "ReadOnly", "WriteOnly"]}
      sel = {"ReadWriteType": ref(name)}
    elif kind == "if-condition":
      sel = {"IncludeManagementEvents": True, "ReadWriteType": if_("IsProduction", "All", "WriteOnly")}
    elif kind == "invalid-boolean":
      sel = {"IncludeManagementEvents": rng.choice(["yes", "enabled", "1"]), "ReadWriteType": "All"}
    selectors = [sel]
    if rng.random() < 0.3:
      selectors.append({"IncludeManagementEvents": False, "DataResources": self.data_resources()})
    return selectors, kind

  def advanced_selectors(self):
    rng = self.rng
    kind = rng.choice(["management", "management-read-only", "management-write-only", "data-only",
                       "management-excluding-kms", "management-narrowed", "management-plus-data"])
    mgmt = [{"Field": "eventCategory", "Equals": ["Management"]}]
    data = {"Name": "S3 object writes", "FieldSelectors": [
        {"Field": "eventCategory", "Equals": ["Data"]},
        {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
        {"Field": "readOnly", "Equals": ["false"]}]}
    if kind == "management":
      return [{"Name": "Management events", "FieldSelectors": mgmt}], kind
    if kind == "management-read-only":
      return [{"Name": "Read management", "FieldSelectors": mgmt + [
          {"Field": "readOnly", "Equals": ["true"]}]}], kind
    if kind == "management-write-only":
      return [{"FieldSelectors": mgmt + [{"Field": "readOnly", "NotEquals": ["true"]}]}], kind
    if kind == "data-only":
      # The name claims management events; only the field selectors count.
      data = dict(data, Name="Management events")
      return [data], kind
    if kind == "management-excluding-kms":
      return [{"Name": "Management without KMS", "FieldSelectors": mgmt + [
          {"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]}]}], kind
    if kind == "management-narrowed":
      return [{"Name": "IAM only", "FieldSelectors": mgmt + [
          {"Field": "eventSource", "Equals": ["iam.amazonaws.com"]}]}], kind
    return [{"Name": "Management events", "FieldSelectors": mgmt}, data], kind

  def add_trail(self):
    rng = self.rng
    self.trail_count += 1
    logical_id = rng.choice(["Trail", "AuditTrail", "OrganizationTrail", "ManagementTrail", "CloudTrail"])
    logical_id += str(self.trail_count)
    props = {
        "TrailName": sub("${ProjectName}-${Environment}-" + str(self.trail_count)),
        "S3BucketName": ref("TrailBucket"),
        "S3KeyPrefix": rng.choice(["cloudtrail", "logs/trail", "audit"]),
        "IsLogging": self.bool_spelling(rng.random() < 0.9),
        "IsMultiRegionTrail": self.bool_spelling(rng.random() < 0.7),
        "IncludeGlobalServiceEvents": True,
        "EnableLogFileValidation": self.bool_spelling(rng.random() < 0.8),
        "KMSKeyId": if_("HasKmsKey", ref("KmsKeyArn"), no_value()),
    }
    if rng.random() < 0.6:
      props["CloudWatchLogsLogGroupArn"] = getatt("TrailLogGroup.Arn")
      props["CloudWatchLogsRoleArn"] = getatt("TrailLogRole.Arn")
    shape = rng.random()
    if shape < 0.15:
      kind = "no-selectors"
    elif shape < 0.65:
      props["EventSelectors"], kind = self.basic_selectors()
    else:
      props["AdvancedEventSelectors"], kind = self.advanced_selectors()
    props["Tags"] = self.tags() + [{"Key": "SelectorCase", "Value": kind}]
    resource = {"Type": "AWS::CloudTrail::Trail", "DependsOn": ["TrailBucketPolicy"], "Properties": props}
    if rng.random() < 0.15:
      resource["Condition"] = "IsProduction"
    self.resources[logical_id] = resource
    self.outputs[logical_id + "Arn"] = {"Description": "ARN of the trail", "Value": getatt(logical_id + ".Arn")}

  # --- fillers -------------------------------------------------------------------------------------------------

  def filler(self, n):
    rng = self.rng
    word = rng.choice(WORDS)
    kind = rng.randrange(8)
    if kind == 0:
      return camel(word, "Function", str(n)), {
          "Type": "AWS::Lambda::Function",
          "Properties": {
              "FunctionName": sub("${ProjectName}-" + word + "-" + str(n)),
              "Runtime": rng.choice(["python3.12", "python3.11", "nodejs20.x"]),
              "Handler": "index.handler",
              "Role": getatt(camel(word, "Role", str(n)) + ".Arn") if rng.random() < 0.5
              else getatt("TrailLogRole.Arn"),
              "Timeout": rng.choice([3, 30, 60, 300]),
              "MemorySize": rng.choice([128, 256, 512, 1024]),
              "Environment": {"Variables": {"TABLE": ref("ProjectName"), "STAGE": ref("Environment"),
                                            "LOG_LEVEL": if_("IsProduction", "INFO", "DEBUG")}},
              "Code": {"ZipFile": "\n".join([
                  "import json",
                  "import os",
                  "",
                  "def handler(event, context):",
                  f"    # {word} handler generated for the benchmark corpus",
                  "    records = event.get('Records', [])",
                  "    for record in records:",
                  "        print(json.dumps(record))",
                  "    return {'statusCode': 200, 'body': json.dumps({'count': len(records)})}",
                  ""])},
              "Tags": self.tags(),
          },
      }
    if kind == 1:
      return camel(word, "Role", str(n)), {
          "Type": "AWS::IAM::Role",
          "Properties": {
              "RoleName": sub("${ProjectName}-${AWS::Region}-" + word + "-" + str(n)),
              "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                  "Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]},
                  "Action": ["sts:AssumeRole"]}]},
              "ManagedPolicyArns": [sub("arn:${AWS::Partition}:iam::aws:policy/service-role/"
                                        "AWSLambdaBasicExecutionRole")],
              "Policies": [{"PolicyName": word + "-access", "PolicyDocument": {
                  "Version": "2012-10-17", "Statement": [
                      {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
                       "Resource": sub("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/"
                                       "${ProjectName}-*")},
                      {"Effect": "Allow", "Action": "kms:Decrypt",
                       "Resource": if_("HasKmsKey", ref("KmsKeyArn"), "*")}]}}],
          },
      }
    if kind == 2:
      return camel(word, "Queue", str(n)), {
          "Type": "AWS::SQS::Queue",
          "Properties": {"QueueName": sub("${ProjectName}-" + word + "-" + str(n)),
                         "VisibilityTimeout": rng.choice([30, 60, 300]),
                         "MessageRetentionPeriod": 1209600,
                         "KmsMasterKeyId": if_("HasKmsKey", ref("KmsKeyArn"), "alias/aws/sqs"),
                         "Tags": self.tags()},
      }
    if kind == 3:
      return camel(word, "Table", str(n)), {
          "Type": "AWS::DynamoDB::Table",
          "DeletionPolicy": "Retain",
          "Properties": {
              "TableName": Fn("Join", ["-", [ref("ProjectName"), word, str(n)]]),
              "BillingMode": "PAY_PER_REQUEST",
              "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                       {"AttributeName": "sk", "AttributeType": "S"}],
              "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
              "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
              "SSESpecification": {"SSEEnabled": True},
              "Tags": self.tags(),
          },
      }
    if kind == 4:
      return camel(word, "SecurityGroup", str(n)), {
          "Type": "AWS::EC2::SecurityGroup",
          "Properties": {
              "GroupDescription": f"Access to the {word} service",
              "VpcId": Fn("ImportValue", sub("${Environment}-VpcId")),
              "SecurityGroupIngress": [
                  {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "CidrIp": "10.0.0.0/8",
                   "Description": f"internal {port}"} for port in rng.sample([80, 443, 5432, 6379, 8080, 9090], 3)],
              "SecurityGroupEgress": [{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}],
              "Tags": self.tags(),
          },
      }
    if kind == 5:
      return camel(word, "Topic", str(n)), {
          "Type": "AWS::SNS::Topic",
          "Properties": {"TopicName": sub("${ProjectName}-" + word + "-alerts"),
                         "KmsMasterKeyId": if_("HasKmsKey", ref("KmsKeyArn"), no_value()),
                         "Subscription": [{"Protocol": "email",
                                           "Endpoint": f"{word}-oncall@example.com"}]},
      }
    if kind == 6:
      return camel(word, "Alarm", str(n)), {
          "Type": "AWS::CloudWatch::Alarm",
          "Condition": "IsProduction",
          "Properties": {
              "AlarmName": sub("${ProjectName}-" + word + "-errors"),
              "AlarmDescription": f"Errors in {word} over the last five minutes",
              "Namespace": "AWS/Lambda", "MetricName": "Errors", "Statistic": "Sum",
              "Period": 300, "EvaluationPeriods": 1, "Threshold": rng.choice([1, 5, 10]),
              "ComparisonOperator": "GreaterThanOrEqualToThreshold",
              "Dimensions": [{"Name": "FunctionName", "Value": sub("${ProjectName}-" + word)}],
              "TreatMissingData": "notBreaching",
          },
      }
    return camel(word, "Bucket", str(n)), {
        "Type": "AWS::S3::Bucket",
        "Properties": {
            "BucketName": Fn("Join", ["-", [ref("ProjectName"), word, Fn("Select", [
                0, Fn("Split", ["-", Fn("Select", [2, Fn("Split", ["/", ref("AWS::StackId")])])])])]]),
            "VersioningConfiguration": {"Status": if_("IsProduction", "Enabled", "Suspended")},
            "LoggingConfiguration": {"DestinationBucketName": ref("TrailBucket"), "LogFilePrefix": word + "/"},
            "Tags": self.tags(),
        },
    }

  def template(self, target_bytes, size_of):
    rng = self.rng
    self.base()
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
      self.add_trail()
    n = 0
    while True:
      doc = self.document()
      size = size_of(doc)
      if size >= target_bytes:
        return doc
      # Add several fillers per measurement: emitting is the slow part.
      for _ in range(max(1, (target_bytes - size) // 3000)):
        n += 1
        logical_id, resource = self.filler(n)
        self.resources[logical_id] = resource

  def document(self):
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"{self.app} service stack {self.index} (generated benchmark template)",
        "Metadata": {"Generator": "stance bench/gen-corpus.py"},
        "Parameters": self.params,
        "Conditions": self.conditions,
        "Resources": self.resources,
        "Outputs": dict(self.outputs, BucketName={"Value": ref("TrailBucket"),
                                                  "Export": {"Name": sub("${AWS::StackName}-TrailBucket")}}),
    }


_OUR_FILE = re.compile(r"^template-\d+\.(json|yaml|yml)$")


def generate(count, seed, out_dir):
  os.makedirs(out_dir, exist_ok=True)
  # Files from an earlier, larger or differently seeded run would silently join the corpus.
  for name in os.listdir(out_dir):
    if _OUR_FILE.match(name):
      os.remove(os.path.join(out_dir, name))
  total_bytes = 0
  total_trails = 0
  width = max(5, len(str(count - 1)))
  for i in range(count):
    rng = random.Random(f"{seed}:{i}")
    as_json = rng.random() < 0.4
    target = rng.randint(5 * 1024, 18 * 1024 + 512)  # one filler of overshoot keeps files under ~20 KB
    if as_json:
      indent = rng.choice([2, 2, 4])
      builder = TemplateBuilder(rng, i)
      doc = builder.template(target, lambda d: len(emit_json(d, indent)))
      text = emit_json(doc, indent)
      name = f"template-{i:0{width}d}.json"
    else:
      short = rng.random() < 0.8
      builder = TemplateBuilder(rng, i)
      doc = builder.template(target, lambda d: len(emit_yaml(d, short)))
      text = emit_yaml(doc, short)
      name = f"template-{i:0{width}d}." + rng.choice(["yaml", "yaml", "yaml", "yml"])
    with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as f:
      f.write(text)
    total_bytes += len(text.encode("utf-8"))
    total_trails += builder.trail_count
  return total_bytes, total_trails


def main(argv):
  parser = argparse.ArgumentParser(description="Generate a deterministic CloudFormation benchmark corpus.")
  parser.add_argument("--count", type=int, default=1000, help="number of templates (default 1000)")
  parser.add_argument("--seed", default="1", help="random seed (default 1)")
  parser.add_argument("--out", required=True, help="output directory (created; existing files are overwritten)")
  args = parser.parse_args(argv)
  if args.count < 0:
    parser.error("--count must be >= 0")
  total_bytes, total_trails = generate(args.count, args.seed, args.out)
  print(f"gen-corpus: {args.count} templates, {total_trails} trails, {total_bytes} bytes in {args.out}")
  return 0


if __name__ == "__main__":
  sys.exit(main(sys.argv[1:]))
