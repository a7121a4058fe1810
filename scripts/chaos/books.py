#!/usr/bin/env python3
"""The books after each scenario of scripts/chaos.sh, and the summary of a run.

  books.py check <result.json> <name> --h2 JAR --url JDBC --sku SKU --driver DRIVER.json \
      --stock N --drain-timeout SECONDS --temporal CLI --address HOST:PORT [--plan PLAN] [--extra JSON]
  books.py summarize <run dir> <latest.json> <quick: true|false> <fuzz.json> <scenario>...

A scenario's orders are those holding its SKU, its subscriptions those on its plan. They are checked
against the payments ledger and against the sandbox gateway's own book (sandbox_gateway_requests:
what the "provider" charged and refunded, whatever the ledger says), once every order is final and
every workflow of theirs has ended (subscriptions: ended or ending), or the drain timeout passed:

  lost                  submitted but never created, not final, or its workflow still running
  double_charges        charges beyond the first, net of refunds, in the ledger or the gateway's book
  missing_charges       paid orders without a net charge in the ledger or the gateway's book
  charged_unpaid        orders that ended unpaid on which the gateway holds a charge not refunded
  gateway_mismatches    charges and refunds only in the ledger or only in the gateway's book, or
                        recorded differently (kind, amount, currency, reference)
  charged_after_cancel  subscriptions: charges the gateway holds, net of refunds, beyond the periods
                        paid that the confirmed cancel answered with
  leaked_reservations   stock still held for orders that are final
with the stock against the paid quantities. Every one of them must be 0 for the scenario to pass.

The gateway's book names no order: its charges are found by their idempotency keys (payment-{order},
payment-{order}-attempt-{n}, subscription-{id}-period-{n}-attempt-{k}) and its refunds by the charge
they refund. The database is read in one H2 session (CSVWRITE into a temporary directory).
"""
import argparse
import csv
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal

FINAL_ORDER = {"paid", "payment_failed", "cancelled", "refunded"}
ENDED_SUBSCRIPTION = {"cancelled", "expired", "suspended"}
ORDER_KEY = re.compile(r"^payment-([0-9a-f-]{36})(?:-attempt-\d+)?$")
SUBSCRIPTION_KEY = re.compile(r"^subscription-([0-9a-f-]{36})-period-\d+-attempt-\d+$")
# How CSVWRITE writes NULL (a backslash would be taken as an escape).
NULL = "<null>"
# Figures that must be 0.
FIGURES = ("lost", "double_charges", "missing_charges", "charged_unpaid", "gateway_mismatches",
           "charged_after_cancel", "leaked_reservations")


def query_tables(h2_jar, url, queries):
    """Runs each query in one H2 session; rows as dicts with lower-case column names, NULL as None."""
    with tempfile.TemporaryDirectory(prefix="chaos-books-") as tmp:
        script = []
        for name, sql in queries.items():
            path = os.path.join(tmp, name + ".csv")
            script.append("call csvwrite('%s', '%s', 'charset=UTF-8 nullString=%s');"
                          % (path, sql.replace("'", "''"), NULL))
        script_path = os.path.join(tmp, "books.sql")
        with open(script_path, "w") as f:
            f.write("\n".join(script) + "\n")
        subprocess.run(["java", "-cp", h2_jar, "org.h2.tools.RunScript", "-url", url, "-user", "sa",
                        "-password", "", "-script", script_path], check=True, capture_output=True, text=True)
        tables = {}
        for name in queries:
            with open(os.path.join(tmp, name + ".csv"), newline="", encoding="utf-8") as f:
                tables[name] = [{k.lower(): (None if v == NULL else v) for k, v in row.items()}
                                for row in csv.DictReader(f)]
        return tables


def running_workflow_ids(temporal_cli, address):
    out = subprocess.run([temporal_cli, "workflow", "list", "--address", address, "--query",
                          "ExecutionStatus='Running'", "-o", "jsonl", "--limit", "100000"],
                         check=True, capture_output=True, text=True).stdout
    return {json.loads(line)["execution"]["workflowId"] for line in out.splitlines() if line.strip()}


def scope_queries(sku, plan):
    in_sku = "exists (select 1 from order_items i where i.order_id = o.id and i.sku = '%s')" % sku
    on_plan = "s.plan_id = '%s'" % plan
    return {
        "orders": "select o.id, o.status from orders o where " + in_sku,
        "subscriptions": "select s.id, s.status, s.cancel_at_period_end from subscriptions s where " + on_plan,
        "ledger": "select l.order_id, l.subscription_id, l.kind, l.amount, l.currency, "
                  "l.gateway_reference, l.idempotency_key from payment_ledger l "
                  "where l.order_id in (select o.id from orders o where " + in_sku + ") "
                  "or l.subscription_id in (select s.id from subscriptions s where " + on_plan + ")",
        # The whole book: a refund is attributed through the charge it refunds.
        "gateway": "select idempotency_key, operation, reference, amount, currency, charge_reference "
                   "from sandbox_gateway_requests where outcome = 'succeeded'",
        "stock": "select stock, (select coalesce(sum(i.quantity), 0) from order_items i join orders o "
                 "on o.id = i.order_id where i.sku = '%s' and o.status = 'paid') as paid_units, "
                 "(select count(*) from inventory_reservations r join orders o on o.id = r.order_id "
                 "where r.sku = '%s' and r.status = 'held' and o.status not in ('pending', "
                 "'awaiting_payment_method')) as leaked from products where sku = '%s'" % (sku, sku, sku),
    }


def gateway_book(rows, orders, subscriptions):
    """The scenario's part of the gateway's book: {owner: [entry]}, entries keyed like ledger rows."""
    charges = {row["reference"]: row for row in rows if row["operation"] == "charge"}
    book = defaultdict(list)
    for row in rows:
        charge = row if row["operation"] == "charge" else charges.get(row["charge_reference"])
        if charge is None:
            continue
        owner = owner_of(charge["idempotency_key"], orders, subscriptions)
        if owner is not None:
            book[owner].append(entry(row["operation"], row, row["reference"],
                                     charge["reference"] if row["operation"] == "refund" else None))
    return book


def owner_of(charge_key, orders, subscriptions):
    for pattern, owners in ((ORDER_KEY, orders), (SUBSCRIPTION_KEY, subscriptions)):
        match = pattern.match(charge_key)
        if match and match.group(1) in owners:
            return match.group(1)
    return None


def entry(kind, row, reference, refunded_charge=None):
    return {"kind": kind, "key": row["idempotency_key"], "amount": Decimal(row["amount"]),
            "currency": row["currency"], "reference": reference, "refunded_charge": refunded_charge}


def net_charges(entries):
    """Charges not (wholly) refunded, and the amount they still hold."""
    refunds = defaultdict(Decimal)
    for e in entries:
        if e["kind"] == "refund":
            refunds[e["refunded_charge"]] += e["amount"]
    count, amount = 0, Decimal(0)
    for e in entries:
        if e["kind"] == "charge":
            left = e["amount"] - refunds.get(e["reference"], Decimal(0))
            if left > 0:
                count += 1
                amount += left
    return count, amount


def ledger_book(rows):
    """{owner: [entry]}: the ledger's rows of each order and subscription."""
    book = defaultdict(list)
    for row in rows:
        owner = row["order_id"] or row["subscription_id"]
        book[owner].append(entry(row["kind"], row, row["gateway_reference"]))
    return book


def ledger_net(entries):
    charges = sum(1 for e in entries if e["kind"] == "charge")
    refunds = sum(1 for e in entries if e["kind"] == "refund")
    return charges - refunds


def mismatches(ledger_entries, gateway_entries):
    """Keys only in one book, or recorded differently."""
    ledger = {e["key"]: e for e in ledger_entries}
    gateway = {e["key"]: e for e in gateway_entries}
    count = len(ledger.keys() ^ gateway.keys())
    for key in ledger.keys() & gateway.keys():
        a, b = ledger[key], gateway[key]
        if (a["kind"], a["amount"], a["currency"], a["reference"]) != (b["kind"], b["amount"], b["currency"],
                                                                      b["reference"]):
            count += 1
    return count


def count_by(values):
    counts = defaultdict(int)
    for value in values:
        counts[value] += 1
    return counts


def unsettled(orders, subscriptions, running):
    """Orders not final, subscriptions neither ended nor ending, or their workflows still running."""
    count = sum(1 for order, status in orders.items() if status not in FINAL_ORDER or "payment-" + order in running)
    for sub, row in subscriptions.items():
        ended = row["status"] in ENDED_SUBSCRIPTION
        ending = row["cancel_at_period_end"].upper() == "TRUE"
        count += (ended and "subscription-" + sub in running) or not (ended or ending)
    return count


def drained(args, queries):
    """Reads the books once nothing is unsettled any more, or at the drain timeout (drain seconds -1)."""
    started = time.monotonic()
    while True:
        tables = query_tables(args.h2, args.url, queries)
        orders = {row["id"]: row["status"] for row in tables["orders"]}
        subscriptions = {row["id"]: row for row in tables["subscriptions"]}
        running = running_workflow_ids(args.temporal, args.address)
        left = unsettled(orders, subscriptions, running)
        waited = time.monotonic() - started
        if left == 0 or waited > args.drain_timeout:
            return tables, orders, subscriptions, left, round(waited) if left == 0 else -1
        time.sleep(3)


def check(args):
    tables, orders, subscriptions, left, drain_seconds = drained(args, scope_queries(args.sku, args.plan or ""))
    ledger = ledger_book(tables["ledger"])
    gateway = gateway_book(tables["gateway"], orders, subscriptions)
    driver = json.load(open(args.driver))

    figures = dict.fromkeys(FIGURES, 0)
    figures["lost"] = driver["submitted"] - len(orders) + driver.get("subscriptions_submitted", 0) \
        - len(subscriptions) + left
    for order, status in orders.items():
        gateway_count, gateway_amount = net_charges(gateway.get(order, []))
        ledger_count = ledger_net(ledger.get(order, []))
        figures["double_charges"] += max(0, max(gateway_count, ledger_count) - 1)
        if status == "paid" and min(gateway_count, ledger_count) < 1:
            figures["missing_charges"] += 1
        if status != "paid" and gateway_amount > 0:
            figures["charged_unpaid"] += 1
    for owner in set(ledger) | set(gateway):
        figures["gateway_mismatches"] += mismatches(ledger.get(owner, []), gateway.get(owner, []))
    for cancel in driver.get("subscription_cancels", []):
        if cancel["code"] == 200:
            held, _ = net_charges(gateway.get(cancel["id"], []))
            figures["charged_after_cancel"] += max(0, held - cancel["periodsPaid"])
    stock_row = tables["stock"][0]
    stock, expected = int(stock_row["stock"]), args.stock - int(stock_row["paid_units"])
    figures["leaked_reservations"] = int(stock_row["leaked"])

    statuses = count_by(orders.values())
    result = {"scenario": args.name, "orders": driver["submitted"], "created": len(orders),
              "paid": statuses["paid"], "payment_failed": statuses["payment_failed"],
              "cancelled": statuses["cancelled"],
              "not_final": sum(1 for s in orders.values() if s not in FINAL_ORDER), **figures,
              "stock": stock, "expected_stock": expected, "stock_matches": stock == expected,
              "drain_seconds": drain_seconds,
              "gateway_book": {"charges": sum(1 for es in gateway.values() for e in es if e["kind"] == "charge"),
                               "refunds": sum(1 for es in gateway.values() for e in es if e["kind"] == "refund")},
              "ledger": {"charges": sum(1 for es in ledger.values() for e in es if e["kind"] == "charge"),
                         "refunds": sum(1 for es in ledger.values() for e in es if e["kind"] == "refund")}}
    if subscriptions or args.plan:
        result["subscriptions"] = len(subscriptions)
        result["subscription_statuses"] = dict(count_by(row["status"] for row in subscriptions.values()))
    result.update(json.loads(args.extra) if args.extra else {})
    result["driver"] = driver
    result["ok"] = all(figures[f] == 0 for f in FIGURES) and result["stock_matches"] and drain_seconds >= 0
    with open(args.result, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps({k: v for k, v in result.items() if k != "driver"}))


def summarize(work, target, quick, fuzz_path, names):
    scenarios = [json.load(open(f"{work}/{name}.result.json")) for name in names]
    total = {key: sum(s.get(key, 0) for s in scenarios) for key in FIGURES}
    fuzz = json.load(open(fuzz_path)) if os.path.exists(fuzz_path) else {"ok": False, "error": "no fuzz.json"}
    fuzz = {k: fuzz.get(k) for k in ("cases", "server_errors", "leaks", "not_problem_json", "ok", "error") if k in fuzz}
    ok = all(s["ok"] for s in scenarios) and fuzz["ok"]
    summary = {"finished_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
               "quick": quick, **total, "fuzz": fuzz, "ok": ok,
               "failed_scenarios": [s["scenario"] for s in scenarios if not s["ok"]], "scenarios": scenarios}
    with open(target, "w") as f:
        json.dump(summary, f, indent=2)
    print(json.dumps({k: summary[k] for k in (*FIGURES, "failed_scenarios", "fuzz", "ok")}))
    return ok


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "summarize":
        work, target, quick, fuzz_path, *names = sys.argv[2:]
        sys.exit(0 if summarize(work, target, quick == "true", fuzz_path, names) else 1)
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["check"])
    parser.add_argument("result")
    parser.add_argument("name")
    for option in ("--h2", "--url", "--sku", "--driver", "--temporal", "--address"):
        parser.add_argument(option, required=True)
    parser.add_argument("--stock", type=int, required=True)
    parser.add_argument("--drain-timeout", type=int, required=True)
    parser.add_argument("--plan")
    parser.add_argument("--extra")
    check(parser.parse_args())


if __name__ == "__main__":
    main()
