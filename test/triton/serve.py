"""
The real Triton Inference Server for the tests, started through PyTriton.

Each model is a Python callable whose compute time per executed batch follows a
measured GPU batch profile (the H200 profiles in `batch-profile-h200.json`): it
sleeps for the profiled latency of the batch size Triton actually formed,
multiplied by the spec's `timeScale`. The model config (max_batch_size,
dynamic_batching, instance_group) is read from a generated `config.pbtxt`, so the
batching Triton does is the batching that file asks for.

Usage: serve.py --spec spec.json --state state.json
  spec.json  {"profilePath": "...", "timeScale": 10, "httpPort": 0, "metricsPort": 0,
              "grpcPort": 0, "metricsConfig": ["summary_latencies=true"],
              "executionLogDir": "dir for <model>.log, one line per execution",
              "models": [{"name": "...", "profileModel": "resnet50-224",
                          "configPbtxt": "path/to/config.pbtxt"}]}
  state.json written once every model is loaded: {"pid", "httpPort", "grpcPort",
             "metricsPort", "models", "tritonVersion"}; removed on exit.
Ports of 0 are picked free on 127.0.0.1. SIGTERM or SIGINT stops the server.
"""

import argparse
import bisect
import json
import logging
import os
import pathlib
import signal
import socket
import sys
import threading
import time

import numpy as np
from google.protobuf import text_format
from pytriton.decorators import batch
from pytriton.model_config import DynamicBatcher, ModelConfig, Tensor
from pytriton.triton import Triton, TritonConfig, TritonSecurityConfig
from tritonclient.grpc import model_config_pb2

LOG = logging.getLogger("model-scaling-triton")


class SpecError(Exception):
    """A spec or config.pbtxt that breaks a rule; the message names the field."""


def load_profiles(path):
    """The profiles of a batch-profile file: model -> sorted [(batch_size, latency_us_p50)]."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    models = doc.get("models")
    if not isinstance(models, list) or not models:
        raise SpecError(f"{path}: models must be a non-empty list")
    out = {}
    for i, m in enumerate(models):
        points = sorted(
            (int(p["batch_size"]), float(p["latency_us_p50"])) for p in m.get("profile", [])
        )
        if not points:
            raise SpecError(f"{path}: models[{i}].profile must have at least one point")
        out[m["model"]] = points
    return out


def latency_us(points, batch_size):
    """
    Execution time (µs) of a batch from a profile: linear between measured sizes,
    the smallest size's latency below it, and extrapolated along the last segment
    above the largest. The same rule as `batchLatencyUs` in
    plugins/model-scaling-common/src/batching/batchProfile.ts, so the simulator
    and this server agree on what a batch of any size costs.
    """
    sizes = [p[0] for p in points]
    if batch_size <= sizes[0]:
        return points[0][1]
    i = bisect.bisect_left(sizes, batch_size)
    if i < len(points):
        (a_b, a_l), (b_b, b_l) = points[i - 1], points[i]
        return a_l + (b_l - a_l) * (batch_size - a_b) / (b_b - a_b)
    if len(points) == 1:
        return points[0][1] * batch_size / points[0][0]
    (p_b, p_l), (l_b, l_l) = points[-2], points[-1]
    return l_l + max(0.0, (l_l - p_l) / (l_b - p_b)) * (batch_size - l_b)


def read_model_config(path):
    """Parses a config.pbtxt with Triton's own ModelConfig protobuf schema."""
    text = pathlib.Path(path).read_text(encoding="utf-8")
    config = model_config_pb2.ModelConfig()
    try:
        text_format.Parse(text, config)
    except text_format.ParseError as e:
        raise SpecError(f"{path}: not a Triton model config: {e}") from e
    return config


def pytriton_config(config, path):
    """The PyTriton ModelConfig for a parsed config.pbtxt (batching part only) and the instance count."""
    if config.max_batch_size < 1:
        raise SpecError(f"{path}: max_batch_size must be >= 1 for a batching model")
    batcher = None
    if config.HasField("dynamic_batching"):
        db = config.dynamic_batching
        for size in db.preferred_batch_size:
            if size < 1 or size > config.max_batch_size:
                raise SpecError(
                    f"{path}: dynamic_batching.preferred_batch_size {size} must be in 1..max_batch_size"
                )
        batcher = DynamicBatcher(
            preferred_batch_size=list(db.preferred_batch_size) or None,
            max_queue_delay_microseconds=int(db.max_queue_delay_microseconds),
            preserve_ordering=bool(db.preserve_ordering),
        )
    instances = 1
    if len(config.instance_group) > 0:
        instances = max(1, int(config.instance_group[0].count or 1))
    return ModelConfig(batching=True, max_batch_size=int(config.max_batch_size), batcher=batcher), instances


class ExecutionLog:
    """Appends `<monotonic µs> <batch size> <µs the callable took>` per execution to a file (tests replay it)."""

    def __init__(self, path):
        self._lock = threading.Lock()
        self._file = open(path, "a", encoding="utf-8", buffering=1) if path else None

    def write(self, started, size, seconds):
        if self._file is None:
            return
        with self._lock:
            self._file.write(f"{int(started * 1e6)} {size} {int(seconds * 1e6)}\n")


def make_infer(points, time_scale, log):
    """An inference callable that sleeps for the profiled latency of the batch it received."""
    formed = {}

    @batch
    def run(x):
        size = int(x.shape[0])
        formed["size"] = size
        time.sleep(latency_us(points, size) * time_scale / 1e6)
        return {"y": x}

    def infer(requests):
        started = time.monotonic()
        out = run(requests)
        log.write(started, formed.get("size", len(requests)), time.monotonic() - started)
        return out

    return infer


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--spec", required=True)
    parser.add_argument("--state", required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    with open(args.spec, encoding="utf-8") as f:
        spec = json.load(f)
    profiles = load_profiles(spec["profilePath"])
    time_scale = float(spec.get("timeScale", 1))
    if not time_scale > 0:
        raise SpecError("timeScale must be a positive number")
    ports = {k: int(spec.get(k) or 0) or free_port() for k in ("httpPort", "grpcPort", "metricsPort")}

    triton_config = TritonConfig(
        http_address="127.0.0.1",
        http_port=ports["httpPort"],
        grpc_address="127.0.0.1",
        grpc_port=ports["grpcPort"],
        metrics_address="127.0.0.1",
        metrics_port=ports["metricsPort"],
        metrics_config=spec.get("metricsConfig") or None,
        exit_timeout_secs=5,
        allow_gpu_metrics=False,
    )
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())

    started = time.monotonic()
    # PyTriton restricts the statistics and model-repository APIs to a generated token by
    # default; stock tritonserver restricts nothing, and that is what the backend meets in a pod.
    security = TritonSecurityConfig(restricted_endpoints=[])
    with Triton(config=triton_config, security_config=security) as triton:
        for i, m in enumerate(spec["models"]):
            name = m["name"]
            if m["profileModel"] not in profiles:
                raise SpecError(
                    f"models[{i}].profileModel: {m['profileModel']} is not in {spec['profilePath']}"
                    f" (has {', '.join(profiles)})"
                )
            config = read_model_config(m["configPbtxt"])
            if config.name and config.name != name:
                raise SpecError(f"models[{i}].name {name} differs from name {config.name} in {m['configPbtxt']}")
            model_config, instances = pytriton_config(config, m["configPbtxt"])
            points = profiles[m["profileModel"]]
            log_dir = spec.get("executionLogDir")
            if log_dir:
                os.makedirs(log_dir, exist_ok=True)
            log = ExecutionLog(os.path.join(log_dir, f"{name}.log") if log_dir else None)
            triton.bind(
                model_name=name,
                infer_func=[make_infer(points, time_scale, log) for _ in range(instances)],
                inputs=[Tensor(name="x", dtype=np.float32, shape=(1,))],
                outputs=[Tensor(name="y", dtype=np.float32, shape=(1,))],
                config=model_config,
                strict=False,
            )
        triton.run()
        state = {
            "pid": os.getpid(),
            **ports,
            "models": [m["name"] for m in spec["models"]],
            "timeScale": time_scale,
            "startSeconds": round(time.monotonic() - started, 1),
        }
        tmp = f"{args.state}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(state, f)
        os.replace(tmp, args.state)
        LOG.info("Triton ready: %s", state)
        try:
            stop.wait()
        finally:
            try:
                os.remove(args.state)
            except FileNotFoundError:
                pass
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SpecError as e:
        print(f"serve.py: {e}", file=sys.stderr)
        sys.exit(2)
