#!/usr/bin/env bash
# Runs every test suite: TypeScript unit tests, the Python compute and figure tests (real
# Devito), then the integration tests against the embedded local cloud. Fails if any fails,
# after running all of them.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
status=0
run() { echo "== $*" >&2; "$@" || status=1; }
run npx jest --selectProjects unit --ci
run .venv/bin/python -m pytest -q tests/compute tests/figures
run npx jest --selectProjects integration --ci --runInBand
exit $status
