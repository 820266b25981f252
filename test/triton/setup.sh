#!/usr/bin/env bash
# Installs the real Triton Inference Server for the tests: a Python virtual environment with
# PyTriton (`nvidia-pytriton`, whose wheel bundles the `tritonserver` binary) and the official
# client (`tritonclient`, pinned by PyTriton), plus `hey` (the seed's load tool, a Go module). Idempotent: a
# finished install is recorded by a stamp file and reused. Each step prints its time.
#
# Where: $MODEL_SCALING_TRITON_CACHE (default ~/.cache/model-scaling/triton)
#   venv-<pytriton version>/   the virtual environment (Debian's python3, which has a shared
#                              libpython3.11 that tritonserver's Python backend loads)
#   bin/hey                    the load tool
# Prints `TRITON_VENV=<dir>` and `HEY=<path>` as its last lines.
set -euo pipefail

PYTRITON_VERSION="${PYTRITON_VERSION:-0.7.0}"
HEY_VERSION="${HEY_VERSION:-v0.1.5}"
cache="${MODEL_SCALING_TRITON_CACHE:-$HOME/.cache/model-scaling/triton}"
venv="$cache/venv-$PYTRITON_VERSION"
stamp="$venv/.installed-$PYTRITON_VERSION"
python="${TRITON_PYTHON:-/usr/bin/python3}"

timed() {
  local what="$1"
  shift
  local t0=$SECONDS
  "$@"
  echo "triton setup: $what $((SECONDS - t0))s" >&2
}

mkdir -p "$cache"

if [ ! -f "$stamp" ]; then
  # tritonserver needs a shared libpython of the interpreter that runs the models.
  if ! "$python" -c 'import sysconfig,sys; sys.exit(0 if sysconfig.get_config_var("Py_ENABLE_SHARED") else 1)'; then
    echo "triton setup: $python has no shared libpython; install Debian's python3 and libpython3.11 (apt-get install python3-venv libpython3.11)" >&2
    exit 1
  fi
  rm -rf "$venv"
  timed "venv" "$python" -m venv "$venv"
  # nvidia-pytriton pins the matching tritonclient itself.
  timed "pip install nvidia-pytriton==$PYTRITON_VERSION" \
    "$venv/bin/pip" install --quiet --disable-pip-version-check "nvidia-pytriton==$PYTRITON_VERSION"
  touch "$stamp"
else
  echo "triton setup: venv cached at $venv" >&2
fi

hey="$cache/bin/hey"
if [ ! -x "$hey" ]; then
  go_bin="$(command -v go || echo /usr/local/go/bin/go)"
  timed "go install github.com/rakyll/hey@$HEY_VERSION" \
    env GOBIN="$cache/bin" "$go_bin" install "github.com/rakyll/hey@$HEY_VERSION"
else
  echo "triton setup: hey cached at $hey" >&2
fi

echo "TRITON_VENV=$venv"
echo "HEY=$hey"
