#!/usr/bin/env bash
# One-command set-up of a fresh machine (Debian, Node 20, Python 3.11): Debian's OpenMPI, the
# npm dependencies, the Node that local Lambdas run on (nodejs22.x) and the Python virtual
# environment with the pinned compute requirements.
# Idempotent: each step is skipped while the files it depends on are unchanged (hash stamps),
# so a repeated run takes seconds. It never modifies a tracked file (.ci/run checks that).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
stamps=.bootstrap-stamps
mkdir -p "$stamps"

log() { printf 'setup: %s\n' "$*" >&2; }
digest() { cat "$@" | sha256sum | cut -c1-16; }
fresh() { [ -f "$stamps/$1" ] && [ "$(cat "$stamps/$1")" = "$2" ]; }

apt_packages=(libopenmpi-dev openmpi-bin)
if ! dpkg -s "${apt_packages[@]}" >/dev/null 2>&1; then
  sudo=''
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  log "installing Debian packages: ${apt_packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

npm_digest=$(digest package.json package-lock.json packages/*/package.json)
if [ ! -d node_modules ] || ! fresh npm "$npm_digest"; then
  # `npm ci` installs exactly what package-lock.json holds and never rewrites it (the lock carries
  # every platform's optional binaries, so it installs on any of them); it starts from an empty
  # node_modules, which the digest stamp above keeps to the runs where the dependencies changed.
  log 'installing npm dependencies (npm ci)'
  npm ci --no-audit --no-fund --loglevel=error
  echo "$npm_digest" >"$stamps/npm"
fi

# The Node the local cloud runs Lambdas on (the functions' runtime major, nodejs22.x), kept in its
# own package so it does not shadow the project's Node in npm scripts.
lambda_node=scripts/local-cloud/lambda/node-runtime
lambda_node_digest=$(digest "$lambda_node/package.json" "$lambda_node/package-lock.json")
if [ ! -x "$lambda_node/node_modules/.bin/node" ] || ! fresh lambda-node "$lambda_node_digest"; then
  log "installing the Lambda runtime's Node ($lambda_node)"
  npm ci --prefix "$lambda_node" --no-audit --no-fund --loglevel=error
  echo "$lambda_node_digest" >"$stamps/lambda-node"
fi

python=${SEISLESS_PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  log "creating the Python virtual environment (.venv) with $($python --version)"
  "$python" -m venv .venv
fi
# "-compat": the package's install mode (below) is part of what the stamp records.
py_digest="$(digest requirements-dev.txt docker/requirements.txt docker/pyproject.toml)-compat"
if ! fresh python "$py_digest"; then
  log 'installing pinned Python requirements into .venv'
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  # Editable as a plain path entry (a .pth line), not setuptools' default import hook: the image
  # installs the package normally, and the hook cost every job process about 12 ms at start-up.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e docker \
    --config-settings editable_mode=compat
  # scipy was a development requirement until it moved to .bench-deps (requirements-bench.txt):
  # jobs run in .venv and Devito imports scipy whenever it is there, unlike in the image.
  if .venv/bin/python -c 'import scipy' >/dev/null 2>&1; then
    log 'removing scipy from .venv (the benchmark keeps its own in .bench-deps)'
    .venv/bin/python -m pip uninstall --quiet --yes scipy
  fi
  echo "$py_digest" >"$stamps/python"
fi
# scipy for the compute benchmark's comparison with Devito's example solvers (and its test), kept
# out of .venv: scripts/bootstrap/bench-deps.sh says why.
bash scripts/bootstrap/bench-deps.sh
log 'ready'
