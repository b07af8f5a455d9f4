#!/usr/bin/env bash
# Packages every service offline (no AWS credentials), as `serverless deploy` would, to prove
# each serverless.yml is valid and every handler bundles. The templates it writes
# (services/*/.serverless/cloudformation-template-update-stack.json) are what scripts/check/ checks.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# serverless-esbuild 1.57 leaves each function's zip staging folder in the temporary directory:
# give it one of its own, removed at the end.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/seisless-package-tmp-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
for config in services/*/serverless.yml; do
  service=$(dirname "$config")
  echo "== packaging ${service}" >&2
  (cd "$service" && env -u AWS_PROFILE AWS_ACCESS_KEY_ID= AWS_SECRET_ACCESS_KEY= TMPDIR="$scratch" \
    npx serverless package --stage dev >/dev/null)
done
