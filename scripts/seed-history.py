#!/usr/bin/env python3
"""Seeds a couple with a busy year behind them, over the API: each partner 300*SCALE trigger
entries, 60*SCALE reflections (half shared), 20 talks, 10 agreements, 10 daily promises. Prints
the two bearer tokens. Loopback only; used by scripts/load-history.sh."""
import json, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor

BASE, SCALE = sys.argv[1], int(sys.argv[2])
PASSWORD = "river lantern quietly ninety"


def call(method, path, token=None, body=None):
    req = urllib.request.Request(BASE + path, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", f"Bearer {token}")
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(req, data) as res:
        text = res.read()
        return json.loads(text) if text else None


def account(name):
    call("POST", "/api/v1/accounts", body={"username": name, "display_name": name.title(), "password": PASSWORD})
    return call("POST", "/api/v1/sessions", body={"username": name, "password": PASSWORD})["token"]


alex, sam = account("alex"), account("sam")
code = call("POST", "/api/v1/couple/invites", alex)["code"]
call("POST", "/api/v1/couple/join", sam, {"code": code})
TEXT = ("I keep coming back to that night, and what I wish I had said. " * 8)[:500]
KINDS = ["late_reply", "routine_change", "social_media", "withdrawal", "other"]


def seed(me, other):
    jobs = []
    for i in range(300 * SCALE):
        jobs.append(("POST", "/api/v1/triggers", {"kind": KINDS[i % 5], "situation": "No answer for hours.",
                     "before": 7, "after": 4, "fear": "That I'm not a priority.", "responded": ["paused"]}))
    for i in range(60 * SCALE):
        jobs.append(("POST", "/api/v1/reflections", {"text": TEXT, "visibility": "shared" if i % 2 else "private"}))
    for i in range(20):
        jobs.append(("POST", "/api/v1/talks", {"topic": f"Talk {i}", "time": f"2031-0{1 + i % 9}-1{i % 9}T19:30"}))
    for i in range(10):
        jobs.append(("POST", "/api/v1/agreements", {"category": "privacy", "agreement": f"Agreement {i}: we each keep a journal.",
                     "review_on": "2031-06-01"}))
    for i in range(10):
        jobs.append(("POST", "/api/v1/promises", {"text": f"Promise {i}: I'll text when I leave work.", "every": "daily",
                     "day": "2026-12-06"}))
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda j: call(j[0], j[1], me, j[2]), jobs))


seed(alex, sam)
seed(sam, alex)
print(alex, sam)
