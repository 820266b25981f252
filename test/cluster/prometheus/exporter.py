#!/usr/bin/env python3
"""A Prometheus exporter whose series the cluster tests set: the trigger source of the KEDA tests.

Serves GET /metrics (text exposition format 0.0.4) on 127.0.0.1:<port>. The tests change the
series with POST /series, a JSON body:

  {"name": "model_scaling_load", "labels": {"scenario": "a"}, "type": "gauge", "value": 12.5}
  {"name": "nv_inference_request_success", "labels": {...}, "type": "counter", "rate": 40}
  {"name": "model_scaling_load", "labels": {"scenario": "a"}, "absent": true}

A gauge reports `value`; a counter grows by `rate` per second from the moment it is set (its
total is kept across rate changes, as a real request counter would be); `absent` removes the
series, so queries on it come back empty (Prometheus marks it stale at the next scrape).
GET /series lists what is set. Standard library only.

Usage: exporter.py <port>
"""
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NAME = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
LABEL = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")

lock = threading.Lock()
# (name, sorted label items) -> {"type", "value", "rate", "since"}
series = {}


def escape(value):
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def current(entry, now):
    if entry["type"] == "counter":
        return entry["value"] + entry["rate"] * (now - entry["since"])
    return entry["value"]


def validate(body):
    """Returns (key, body) or raises ValueError naming the field and the rule."""
    if not isinstance(body, dict):
        raise ValueError("body: must be a JSON object")
    name = body.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise ValueError("name: must be a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)")
    labels = body.get("labels", {})
    if not isinstance(labels, dict):
        raise ValueError("labels: must be an object of strings")
    for k, v in labels.items():
        if not LABEL.match(k) or k.startswith("__"):
            raise ValueError("labels.%s: must be a label name ([a-zA-Z_][a-zA-Z0-9_]*, no __ prefix)" % k)
        if not isinstance(v, str):
            raise ValueError("labels.%s: must be a string" % k)
    key = (name, tuple(sorted(labels.items())))
    if body.get("absent") is True:
        return key, body
    kind = body.get("type", "gauge")
    if kind not in ("gauge", "counter"):
        raise ValueError("type: must be gauge or counter")
    field = "value" if kind == "gauge" else "rate"
    number = body.get(field)
    if not isinstance(number, (int, float)) or isinstance(number, bool) or number != number:
        raise ValueError("%s: must be a number" % field)
    if kind == "counter" and number < 0:
        raise ValueError("rate: must not be negative (a counter only grows)")
    return key, body


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):  # quiet: the tests poll often
        pass

    def reply(self, code, text, content_type="text/plain; charset=utf-8"):
        data = text.encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        now = time.time()
        if self.path == "/metrics":
            lines = []
            with lock:
                typed = set()
                for (name, labels), entry in sorted(series.items()):
                    if name not in typed:
                        lines.append("# TYPE %s %s" % (name, entry["type"]))
                        typed.add(name)
                    rendered = ",".join('%s="%s"' % (k, escape(v)) for k, v in labels)
                    selector = "{%s}" % rendered if rendered else ""
                    lines.append("%s%s %s" % (name, selector, repr(float(current(entry, now)))))
            self.reply(200, "\n".join(lines) + "\n", "text/plain; version=0.0.4; charset=utf-8")
        elif self.path == "/series":
            with lock:
                out = [
                    {"name": n, "labels": dict(l), "type": e["type"], "value": current(e, now), "rate": e["rate"]}
                    for (n, l), e in sorted(series.items())
                ]
            self.reply(200, json.dumps(out), "application/json")
        elif self.path == "/healthz":
            self.reply(200, "ok\n")
        else:
            self.reply(404, "not found: GET /metrics, GET /series, POST /series\n")

    def do_POST(self):
        if self.path != "/series":
            self.reply(404, "not found: POST /series\n")
            return
        try:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"null")
            key, body = validate(body)
        except (ValueError, json.JSONDecodeError) as e:
            self.reply(400, "invalid series: %s\n" % e)
            return
        now = time.time()
        with lock:
            if body.get("absent") is True:
                series.pop(key, None)
            else:
                kind = body.get("type", "gauge")
                old = series.get(key)
                if kind == "counter":
                    total = current(old, now) if old and old["type"] == "counter" else 0.0
                    series[key] = {"type": "counter", "value": total, "rate": float(body["rate"]), "since": now}
                else:
                    series[key] = {"type": "gauge", "value": float(body["value"]), "rate": 0.0, "since": now}
        self.reply(204, "")


def main():
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        sys.stderr.write("usage: exporter.py <port>\n")
        sys.exit(2)
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.serve_forever()


if __name__ == "__main__":
    main()
