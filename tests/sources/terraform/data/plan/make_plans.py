#!/usr/bin/env python3
"""Writes the plan JSON test inputs of tests/sources/terraform/plan_test.cpp.

The plans have the shape `terraform show -json plan.out` prints for aws_cloudtrail with the AWS provider
5.x: every attribute present in change.after (null when not set, provider defaults filled in),
after_unknown mirroring it with true where a value is known only after apply, planned_values beside
resource_changes. Run it from this folder after changing a case; the JSON files are committed.
"""
import copy
import json

BUCKET = "audit-logs-111111111111"


def after(name, **overrides):
    values = {
        "advanced_event_selector": [],
        "cloud_watch_logs_group_arn": None,
        "cloud_watch_logs_role_arn": None,
        "enable_log_file_validation": False,
        "enable_logging": True,
        "event_selector": [],
        "include_global_service_events": True,
        "insight_selector": [],
        "is_multi_region_trail": False,
        "is_organization_trail": False,
        "kms_key_id": None,
        "name": name,
        "s3_bucket_name": BUCKET,
        "s3_key_prefix": None,
        "sns_topic_name": None,
        "tags": None,
    }
    values.update(overrides)
    return values


def selector(include=True, rw="All", excluded=None, data=None):
    return {
        "data_resource": data or [],
        "exclude_management_event_sources": excluded,
        "include_management_events": include,
        "read_write_type": rw,
    }


def field(name, **ops):
    out = {"field": name}
    for op in ("ends_with", "equals", "not_ends_with", "not_equals", "not_starts_with", "starts_with"):
        out[op] = ops.get(op, [])
    return out


def advanced(name, *fields):
    return {"field_selector": list(fields), "name": name}


def unknown_shape(values):
    """after_unknown for `values` with nothing unknown but the computed attributes."""
    def shape(v):
        if isinstance(v, dict):
            return {k: shape(x) for k, x in v.items() if isinstance(x, (dict, list))}
        if isinstance(v, list):
            return [shape(x) if isinstance(x, (dict, list)) else False for x in v]
        return False
    out = shape(values)
    out.update({"arn": True, "home_region": True, "id": True, "tags_all": True})
    return out


def change(address, values, unknown=None, actions=("create",), module=None, index=None, deposed=None):
    name = address.split(".")[-1].split("[")[0]
    entry = {"address": address}
    if module:
        entry["module_address"] = module
    entry.update({"mode": "managed", "type": "aws_cloudtrail", "name": name})
    if index is not None:
        entry["index"] = index
    if deposed:
        entry["deposed"] = deposed
    entry["provider_name"] = "registry.terraform.io/hashicorp/aws"
    unknown_part = unknown_shape(values) if values is not None else {}
    for path, v in (unknown or {}).items():
        set_path(unknown_part, path, v)
    entry["change"] = {
        "actions": list(actions),
        "before": None if "create" in actions and "delete" not in actions else copy.deepcopy(values or {}),
        "after": values,
        "after_unknown": unknown_part,
        "before_sensitive": False,
        "after_sensitive": {"tags": {}, "tags_all": {}},
    }
    return entry


def set_path(obj, path, value):
    """path: "event_selector.0.read_write_type" """
    keys = path.split(".")
    for k in keys[:-1]:
        obj = obj[int(k)] if isinstance(obj, list) else obj.setdefault(k, {})
    last = keys[-1]
    if isinstance(obj, list):
        obj[int(last)] = value
    else:
        obj[last] = value


def drop_path(values, path):
    keys = path.split(".")
    for k in keys[:-1]:
        values = values[int(k)] if isinstance(values, list) else values[k]
    if isinstance(values, list):
        values[int(keys[-1])] = None
    else:
        del values[keys[-1]]


def unknown(values, *paths):
    """Terraform leaves values known only after apply out of `after` (null inside lists)."""
    for p in paths:
        drop_path(values, p)
    return {p: True for p in paths}


def plan(changes, extra=None):
    modules = {}
    for c in changes:
        if c["change"]["actions"] == ["delete"] or "deposed" in c:
            continue
        values = c["change"]["after"]
        resource = {k: c[k] for k in ("address", "mode", "type", "name", "index") if k in c}
        resource.update({"provider_name": c["provider_name"], "schema_version": 1, "values": values,
                         "sensitive_values": {}})
        modules.setdefault(c.get("module_address", ""), []).append(resource)

    def module(address):
        out = {}
        if address:
            out["address"] = address
        if modules.get(address):
            out["resources"] = modules[address]
        children = sorted(a for a in modules if a and a != address and a.startswith(address + "." if address else "")
                          and a.count("module.") == address.count("module.") + 1)
        if children:
            out["child_modules"] = [module(a) for a in children]
        return out

    doc = {"format_version": "1.2", "terraform_version": "1.6.6", "planned_values": {"root_module": module("")},
           "resource_changes": changes}
    doc.update(extra or {})
    return doc


def write(name, doc):
    with open(name, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


def ct010_cases():
    c = []
    c.append(change("aws_cloudtrail.pass_no_selectors", after("no-selectors")))
    c.append(change("aws_cloudtrail.pass_defaults", after("defaults", event_selector=[selector()])))
    c.append(change("aws_cloudtrail.fail_include_false",
                    after("data-only", event_selector=[selector(include=False, data=[
                        {"type": "AWS::S3::Object", "values": ["arn:aws:s3:::bucket/"]}])])))
    c.append(change("aws_cloudtrail.fail_read_only", after("read-only", event_selector=[selector(rw="ReadOnly")])))
    c.append(change("aws_cloudtrail.fail_write_only", after("write-only", event_selector=[selector(rw="WriteOnly")])))
    c.append(change("aws_cloudtrail.pass_split",
                    after("split", event_selector=[selector(rw="ReadOnly"), selector(rw="WriteOnly")])))
    c.append(change("aws_cloudtrail.pass_excluded_kms",
                    after("quiet", event_selector=[selector(excluded=["kms.amazonaws.com"])])))
    c.append(change("aws_cloudtrail.pass_advanced_misleading_name",
                    after("adv", advanced_event_selector=[
                        advanced("Log S3 data events only", field("eventCategory", equals=["Management"]))])))
    c.append(change("aws_cloudtrail.fail_advanced_named_management",
                    after("misnamed", advanced_event_selector=[
                        advanced("Management events", field("eventCategory", equals=["Data"]),
                                 field("resources.type", equals=["AWS::S3::Object"]))])))
    c.append(change("aws_cloudtrail.pass_advanced_split",
                    after("adv-split", advanced_event_selector=[
                        advanced("reads", field("eventCategory", equals=["Management"]),
                                 field("readOnly", equals=["true"])),
                        advanced("writes", field("eventCategory", equals=["Management"]),
                                 field("readOnly", equals=["false"]))])))
    c.append(change("aws_cloudtrail.fail_advanced_read_only",
                    after("adv-read", advanced_event_selector=[
                        advanced("reads", field("eventCategory", equals=["Management"]),
                                 field("readOnly", equals=["true"]))])))
    c.append(change("aws_cloudtrail.fail_advanced_not_equals_false",
                    after("adv-not-writes", advanced_event_selector=[
                        advanced("", field("eventCategory", equals=["Management"]),
                                 field("readOnly", not_equals=["false"]))])))
    c.append(change("aws_cloudtrail.pass_advanced_excluded_kms",
                    after("adv-quiet", advanced_event_selector=[
                        advanced("mgmt", field("eventCategory", equals=["Management"]),
                                 field("eventSource", not_equals=["kms.amazonaws.com"]))])))
    c.append(change("aws_cloudtrail.fail_advanced_narrowed",
                    after("adv-narrow", advanced_event_selector=[
                        advanced("ec2", field("eventCategory", equals=["Management"]),
                                 field("eventSource", equals=["ec2.amazonaws.com"]))])))
    c.append(change("aws_cloudtrail.pass_not_logging", after("stopped", enable_logging=False)))
    c.append(change("aws_cloudtrail.pass_null_defaults",
                    after("nulls", enable_logging=None, event_selector=[selector(include=None, rw=None)])))
    c.append(change("aws_cloudtrail.error_string_boolean",
                    after("string-bool", event_selector=[selector(include="yes")])))
    c.append(change("aws_cloudtrail.error_bad_read_write_type",
                    after("bad-rw", event_selector=[selector(rw="Everything")])))
    # Known only after apply.
    v = after("unknown-rw", event_selector=[selector()])
    c.append(change("aws_cloudtrail.unknown_read_write_type", v, unknown(v, "event_selector.0.read_write_type")))
    v = after("unknown-kms", event_selector=[selector()])
    c.append(change("aws_cloudtrail.pass_unknown_kms", v, unknown(v, "kms_key_id", "s3_bucket_name")))
    v = after("unknown-selectors")
    c.append(change("aws_cloudtrail.unknown_event_selector", v, unknown(v, "event_selector")))
    v = after("unknown-include", event_selector=[selector(rw="ReadOnly"), selector()])
    c.append(change("aws_cloudtrail.pass_unknown_cannot_change", v,
                    unknown(v, "event_selector.0.include_management_events")))
    v = after("unknown-category", advanced_event_selector=[
        advanced("m", field("eventCategory", equals=["Management"]))])
    c.append(change("aws_cloudtrail.unknown_advanced_values", v,
                    unknown(v, "advanced_event_selector.0.field_selector.0.equals")))
    v = after("unknown-exclusion", event_selector=[selector(excluded=["kms.amazonaws.com"])])
    c.append(change("aws_cloudtrail.unknown_exclusion_element", v,
                    unknown(v, "event_selector.0.exclude_management_event_sources.0")))
    # An update and a no-op keep the trail; a replacement too.
    c.append(change("aws_cloudtrail.pass_update", after("updated", event_selector=[selector()]),
                    actions=("update",)))
    c.append(change("aws_cloudtrail.fail_replaced", after("replaced", event_selector=[selector(rw="ReadOnly")]),
                    actions=("delete", "create")))
    c.append(change("aws_cloudtrail.fail_no_op", after("unchanged", event_selector=[selector(rw="WriteOnly")]),
                    actions=("no-op",)))
    # Destroyed: no finding.
    c.append(change("aws_cloudtrail.deleted", None, actions=("delete",)))
    return plan(c)


def modules_plan():
    c = []
    c.append(change("module.audit.aws_cloudtrail.this", after("audit", event_selector=[selector(rw="ReadOnly")]),
                    module="module.audit"))
    c.append(change("module.audit.module.org.aws_cloudtrail.org[0]",
                    after("org-0", is_organization_trail=True), module="module.audit.module.org", index=0))
    c.append(change('module.regions["eu-west-1"].aws_cloudtrail.this["a"]',
                    after("eu-a", event_selector=[selector(rw="WriteOnly")]),
                    module='module.regions["eu-west-1"]', index="a"))
    c.append(change("aws_cloudtrail.counted[1]", after("counted-1"), index=1))
    c.append(change("module.audit.aws_cloudtrail.old", None, actions=("delete",), module="module.audit"))
    c.append(change("aws_cloudtrail.moved", after("moved"), actions=("create",)))
    c.append(change("aws_cloudtrail.moved", after("moved-old"), actions=("delete",), deposed="00000001"))
    c.append(change("aws_cloudtrail.forgotten", None, actions=("forget",)))
    other = {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs",
             "provider_name": "registry.terraform.io/hashicorp/aws",
             "change": {"actions": ["create"], "before": None, "after": {"bucket": BUCKET},
                        "after_unknown": {"id": True}}}
    c.insert(0, other)
    doc = plan(c)
    doc["prior_state"] = {"format_version": "1.0", "terraform_version": "1.6.6", "values": {"root_module": {
        "resources": [{"address": "aws_cloudtrail.prior_only", "mode": "managed", "type": "aws_cloudtrail",
                       "name": "prior_only", "values": after("prior-only", event_selector=[
                           selector(include=False)])}]}}}
    return doc


def planned_values_only():
    doc = plan([change("module.audit.aws_cloudtrail.this", after("pv", event_selector=[selector(rw="ReadOnly")]),
                       module="module.audit"),
                change("aws_cloudtrail.root", after("pv-root"))])
    del doc["resource_changes"]
    return doc


if __name__ == "__main__":
    write("ct010_cases.json", ct010_cases())
    write("modules.json", modules_plan())
    write("planned_values_only.json", planned_values_only())
    small = plan([change("aws_cloudtrail.main", after("main", event_selector=[selector(rw="ReadOnly")]))])
    with open("utf16.json", "wb") as f:
        f.write(json.dumps(small, indent=2).replace("\n", "\r\n").encode("utf-16"))  # BOM + LE
    with open("utf8_bom.json", "wb") as f:
        f.write(b"\xef\xbb\xbf" + json.dumps(small, indent=2).encode())
    state = {"format_version": "1.0", "terraform_version": "1.6.6", "values": {"root_module": {}}}
    write("state.json", state)
    broken = json.dumps(small, indent=2).replace('"ReadOnly"\n', '"ReadOnly",\n', 1)
    with open("trailing_comma.json", "w") as f:
        f.write(broken + "\n")
    with open("truncated.json", "w") as f:
        f.write(json.dumps(small, indent=2)[:900])
