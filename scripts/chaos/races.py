#!/usr/bin/env python3
"""HTTP side of the cancel_race scenario of scripts/chaos.sh.

  races.py <api> <admin e-mail> <admin password> <sku> <plan id> <orders> <subscriptions> <concurrency>

Pays <orders> orders (some with a declined card, so that their saga waits for another method) and
starts <subscriptions> subscriptions, whose first period is charged at once. Each gets, at a random
moment soon after (mostly within the first seconds, while its charge is in flight when the gateway
is slow), a cancel and/or another payment method for orders, a "cancel now" for subscriptions.
Finally a customer gives up on every order still waiting for a payment method (cancels it), so that
every order ends. Prints a summary for scripts/chaos/books.py: counts of the answers, and each
subscription's confirmed cancel with the periods paid it answered with.
"""
import datetime
import json
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from driver import CARD, call, login, setup

DECLINED_CARD = "4000000000000002"
FINAL = {"paid", "payment_failed", "cancelled", "refunded"}
GIVE_UP_AFTER = 600.0

answers = {}
answers_lock = threading.Lock()


def count(kind, status, body):
    code = body.get("code") if isinstance(body, dict) and status >= 400 else None
    label = f"{kind}:{status}" + (f":{code}" if code else "")
    with answers_lock:
        answers[label] = answers.get(label, 0) + 1


def card(number):
    return {"type": "card", "token": number}


def soon():
    """Often while the charge is in flight, else after its answer (e.g. a decline) came."""
    return random.uniform(0, 2.5) if random.random() < 0.6 else random.uniform(2.5, 10)


def cancel_order(base, token, order_id):
    status, body = call(base, "POST", f"/api/orders/{order_id}/cancel", None, token)
    count("order_cancel", status, body)


def new_method(base, token, order_id):
    status, body = call(base, "POST", f"/api/orders/{order_id}/payment-method", {"paymentMethod": card(CARD)},
                        token)
    count("payment_method", status, body)


def race_order(base, token, sku, quantity, actions):
    declined = random.random() < 0.3
    status, order = call(base, "POST", "/api/orders", {"items": [{"sku": sku, "quantity": quantity}],
                                                      "currency": "USD"}, token)
    if status != 201:
        count("order", status, order)
        return None
    status, body = call(base, "POST", f"/api/orders/{order['id']}/pay",
                        {"paymentMethod": card(DECLINED_CARD if declined else CARD)}, token)
    count("pay_declined_card" if declined else "pay", status, body)
    choice = random.random()
    steps = [cancel_order] if choice < 0.35 else [new_method] if choice < 0.7 else \
        random.sample([cancel_order, new_method], 2)
    for step in steps:
        actions.submit(delayed, soon(), step, base, token, order["id"])
    return order["id"]


def race_subscription(base, token, plan, actions, cancels):
    status, body = call(base, "POST", "/api/subscriptions", {"planId": plan, "paymentMethod": card(CARD)}, token)
    count("subscribe", status, body)
    if status == 201:
        actions.submit(delayed, soon(), cancel_subscription, base, token, body["id"], cancels)


def cancel_subscription(base, token, subscription_id, cancels):
    status, body = call(base, "POST", f"/api/subscriptions/{subscription_id}/cancel", {"atPeriodEnd": False}, token)
    count("subscription_cancel", status, body)
    answered_at = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
    body = body if isinstance(body, dict) else {}
    with answers_lock:
        cancels.append({"id": subscription_id, "code": status, "answered_at": answered_at,
                        "status": body.get("status") if status == 200 else body.get("code"),
                        "periodsPaid": body.get("periodsPaid") if status == 200 else None})


def delayed(seconds, action, *args):
    time.sleep(seconds)
    action(*args)


def give_up_waiting(base, token, order_ids):
    """Cancels every order still waiting for a payment method until every order is final."""
    open_ids, deadline = set(order_ids), time.monotonic() + GIVE_UP_AFTER
    while open_ids and time.monotonic() < deadline:
        for order_id in sorted(open_ids):
            status, order = call(base, "GET", f"/api/orders/{order_id}", None, token)
            if status == 200 and order["status"] in FINAL:
                open_ids.discard(order_id)
            elif status == 200 and order["status"] == "awaiting_payment_method":
                status, body = call(base, "POST", f"/api/orders/{order_id}/cancel", None, token)
                count("give_up_cancel", status, body)
        time.sleep(2)
    return len(open_ids)


def main():
    base, admin_email, admin_password, sku, plan, orders, subscriptions, concurrency = sys.argv[1:9]
    orders, subscriptions, concurrency = int(orders), int(subscriptions), int(concurrency)
    token = setup(base, admin_email, admin_password, sku, orders * 3)
    status, body = call(base, "POST", "/api/plans", {"id": plan, "name": "Chaos " + plan, "amount": "5.00",
                                                    "currency": "USD", "period": "monthly"},
                        login(base, admin_email, admin_password))
    if status != 201:
        raise RuntimeError(f"plan {plan}: {status} {body}")
    started = time.monotonic()
    cancels = []
    # Sleeping actions wait in their own pool, so that they never hold back the orders still to be made.
    with ThreadPoolExecutor(max_workers=4 * concurrency) as actions:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            subscribed = [pool.submit(race_subscription, base, token, plan, actions, cancels)
                          for _ in range(subscriptions)]
            ordered = [pool.submit(race_order, base, token, sku, 1 + i % 3, actions) for i in range(orders)]
            order_ids = [f.result() for f in ordered]
            for f in subscribed:
                f.result()
        submit_seconds = round(time.monotonic() - started, 1)
    still_open = give_up_waiting(base, token, [o for o in order_ids if o])
    print(json.dumps({"submitted": orders, "subscriptions_submitted": subscriptions,
                      "answers": dict(sorted(answers.items())),
                      "subscription_cancels": sorted(cancels, key=lambda c: c["id"]),
                      "cancelled_before_first_charge": sum(1 for c in cancels if c["periodsPaid"] == 0),
                      "not_final_after_giving_up": still_open, "submit_seconds": submit_seconds,
                      "seconds": round(time.monotonic() - started, 1)}))


if __name__ == "__main__":
    main()
