#!/usr/bin/env python3
"""Reads schemathesis' HAR report and writes target/chaos/fuzz.json.

Every answer counts: a 5xx, a body naming a stack frame or an internal class, or an error that is
not application/problem+json is a finding, whatever schemathesis' own checks said. One exception:
a workflow's raw event history (GET /api/workflows/{id}/history, ADMIN only) is Temporal's own
record and carries the stack traces of failed activities by design.
"""
import json
import re
import sys

RAW_HISTORY = re.compile(r"^/api/workflows/[^/]+/history$")
LEAK = re.compile(r"(\bat (com|org|java|jdk|io)\.[\w.$]+\(|\bcom\.partnerplatform\.|\bjava\.(lang|util|io)\.\w+"
                  r"(Exception|Error)|\borg\.springframework\.|\bio\.temporal\.|Exception:)")


def main():
    har_path, target, minimum = sys.argv[1], sys.argv[2], int(sys.argv[3])
    entries = json.load(open(har_path))["log"]["entries"]
    findings = {"server_errors": [], "leaks": [], "not_problem_json": []}
    statuses = {}
    operations = set()
    for entry in entries:
        request, response = entry["request"], entry["response"]
        status = response["status"]
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        path = re.sub(r"^https?://[^/]+", "", request["url"]).split("?")[0]
        operations.add(request["method"] + " " + path)
        body = response.get("content", {}).get("text", "") or ""
        content_type = next((h["value"] for h in response["headers"] if h["name"].lower() == "content-type"), "")
        sample = {"method": request["method"], "url": request["url"][:300], "status": status,
                  "content_type": content_type, "body": body[:500]}
        if status >= 500:
            findings["server_errors"].append(sample)
        raw_history = status < 400 and RAW_HISTORY.match(path)
        if LEAK.search(body) and not raw_history:
            findings["leaks"].append(sample)
        if status >= 400 and not content_type.startswith("application/problem+json"):
            findings["not_problem_json"].append(sample)
    summary = {"cases": len(entries), "minimum_cases": minimum,
               "server_errors": len(findings["server_errors"]), "leaks": len(findings["leaks"]),
               "not_problem_json": len(findings["not_problem_json"]), "statuses": statuses,
               "examples": {kind: samples[:10] for kind, samples in findings.items()}}
    summary["ok"] = (summary["cases"] >= minimum and summary["server_errors"] == 0 and summary["leaks"] == 0
                     and summary["not_problem_json"] == 0)
    json.dump(summary, open(target, "w"), indent=2)
    print(json.dumps({k: summary[k] for k in ("cases", "server_errors", "leaks", "not_problem_json", "ok")}))
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
