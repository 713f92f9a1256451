"""Memory with a long history, against a running server (loopback only, stops by itself).

One person writes REFLECTIONS reflections of 10,000 characters each (half shared with their
partner); then 30 clients list them at once, over and over (the API's largest page and the roots
page, as the person and as their partner), while another person asks for /api/v1/me. Prints the
other person's latencies and the server's peak memory (read from /proc with the server's pid).

    python3 scripts/load-memory.py BASE PID [REFLECTIONS, default 5000] [SECONDS, default 20]

scripts/load-history.sh runs it after its own figures when asked (MEMORY=1).
"""
import json, sys, threading, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

BASE, PID = sys.argv[1], sys.argv[2]
COUNT = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
SECONDS = float(sys.argv[4]) if len(sys.argv) > 4 else 20
PASSWORD = "river lantern quietly ninety"


def call(method, path, token=None, body=None, cookie=False):
    req = urllib.request.Request(BASE + path, method=method)
    req.add_header("content-type", "application/json")
    if token:
        if cookie:
            req.add_header("cookie", f"kintsugi_session={token}")
        else:
            req.add_header("authorization", f"Bearer {token}")
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(req, data, timeout=60) as res:
        text = res.read()
        if res.headers.get("content-type", "").startswith("application/json") and text:
            return json.loads(text)
        return text


def account(name):
    call("POST", "/api/v1/accounts", body={"username": name, "display_name": name.title(), "password": PASSWORD})
    return call("POST", "/api/v1/sessions", body={"username": name, "password": PASSWORD})["token"]


def peak_kb():
    for line in open(f"/proc/{PID}/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1])
    return 0


writer, partner, other = account("writer"), account("partner"), account("other")
code = call("POST", "/api/v1/couple/invites", writer)["code"]
call("POST", "/api/v1/couple/join", partner, {"code": code})
words = "Some days the weight of it comes back all at once, and I write so it has somewhere to go. "
TEXT = (words * 120)[:10_000]
with ThreadPoolExecutor(8) as pool:
    list(pool.map(lambda i: call("POST", "/api/v1/reflections", writer,
                                 {"text": TEXT, "visibility": "shared" if i % 2 else "private"}),
                  range(COUNT)))
print(f"seeded {COUNT} reflections of {len(TEXT)} characters; peak so far {peak_kb() // 1024} MB")

stop = time.monotonic() + SECONDS
listed = [0]
errors = [0]


def lister(i):
    who = writer if i % 2 == 0 else partner
    paths = [("/api/v1/reflections?limit=100", False), ("/roots", True)]
    while time.monotonic() < stop:
        for path, cookie in paths:
            try:
                call("GET", path, who, cookie=cookie)
                listed[0] += 1
            except Exception:
                errors[0] += 1


latencies = []


def asker():
    while time.monotonic() < stop:
        t = time.monotonic()
        call("GET", "/api/v1/me", other)
        latencies.append((time.monotonic() - t) * 1000)
        time.sleep(0.05)


threads = [threading.Thread(target=lister, args=(i,)) for i in range(30)]
threads.append(threading.Thread(target=asker))
for t in threads:
    t.start()
for t in threads:
    t.join()
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"30 clients listed {listed[0]} times in {SECONDS:.0f}s ({errors[0]} errors)")
print(f"another person's /api/v1/me: median {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, max {latencies[-1]:.1f} ms")
print(f"server peak resident memory: {peak_kb() // 1024} MB")
