#!/usr/bin/env bash
# The compute benchmark's extra dependency (scipy, for Devito's example solvers), installed into
# .bench-deps/ rather than .venv: local-cloud jobs run in .venv, and Devito imports scipy there
# whenever it can (about 0.1 s of every job's start-up that the image, without scipy, does not pay).
# Idempotent (hash stamp); setup.sh runs it once .venv exists.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
stamps=.bootstrap-stamps
mkdir -p "$stamps"
bench_digest=$(cat requirements-bench.txt | sha256sum | cut -c1-16)
if [ ! -d .bench-deps ] || [ "$(cat "$stamps/bench-deps" 2>/dev/null)" != "$bench_digest" ]; then
  printf 'bench-deps: installing requirements-bench.txt into .bench-deps\n' >&2
  rm -rf .bench-deps
  # --no-deps: numpy comes from .venv (the pinned compute requirements), not a second copy.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
    --target .bench-deps -r requirements-bench.txt
  echo "$bench_digest" >"$stamps/bench-deps"
fi
