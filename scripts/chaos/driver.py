#!/usr/bin/env python3
"""HTTP side of scripts/chaos.sh: accounts and products, then orders paid concurrently.

Every request is retried while the API cannot answer (its engine restarting, say): a pay request
that never got through would be an order lost by the test itself, not by the system.
"""
import json
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

CARD = "4242424242424242"


def call(base, method, path, body=None, token=None, deadline=120.0):
    end = time.monotonic() + deadline
    while True:
        request = urllib.request.Request(base + path, method=method,
                                         data=None if body is None else json.dumps(body).encode())
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            text = e.read().decode()
            if e.code < 500 and e.code != 429:
                return e.code, json.loads(text) if text.startswith("{") else text
            failure = f"{e.code} {text[:200]}"
        except (urllib.error.URLError, OSError) as e:
            failure = str(e)
        if time.monotonic() > end:
            raise RuntimeError(f"{method} {path}: no answer within {deadline}s: {failure}")
        time.sleep(1)


def login(base, email, password):
    status, body = call(base, "POST", "/api/auth/login", {"email": email, "password": password})
    if status != 200:
        raise RuntimeError(f"login {email}: {status} {body}")
    return body["accessToken"]


def setup(base, admin_email, admin_password, sku, stock):
    admin = login(base, admin_email, admin_password)
    status, body = call(base, "POST", "/api/products", {"sku": sku, "name": "Chaos " + sku, "price": "1.00",
                                                        "currency": "USD", "stock": stock}, admin)
    if status != 201:
        raise RuntimeError(f"product {sku}: {status} {body}")
    email = f"chaos-{uuid.uuid4()}@partner-platform.test"
    password = "chaos-" + uuid.uuid4().hex
    status, body = call(base, "POST", "/api/auth/register", {"email": email, "password": password, "name": "Chaos"})
    if status != 201:
        raise RuntimeError(f"register: {status} {body}")
    return login(base, email, password)


def order_and_pay(base, token, sku, quantity):
    status, order = call(base, "POST", "/api/orders",
                         {"items": [{"sku": sku, "quantity": quantity}], "currency": "USD"}, token)
    if status != 201:
        return "order_refused:" + str(status)
    status, body = call(base, "POST", f"/api/orders/{order['id']}/pay",
                        {"paymentMethod": {"type": "card", "token": CARD}}, token)
    return "started" if status < 300 else "pay_refused:" + str(status)


def main():
    base, admin_email, admin_password, sku, count, stock, concurrency = sys.argv[1:8]
    count, stock, concurrency = int(count), int(stock), int(concurrency)
    token = setup(base, admin_email, admin_password, sku, stock)
    outcomes = {}
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for outcome in pool.map(lambda i: order_and_pay(base, token, sku, 1 + i % 3), range(count)):
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    print(json.dumps({"submitted": count, "outcomes": outcomes,
                      "submit_seconds": round(time.monotonic() - started, 1)}))


if __name__ == "__main__":
    main()
