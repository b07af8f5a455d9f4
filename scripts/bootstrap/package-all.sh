#!/usr/bin/env bash
# Packages every service offline (no AWS credentials), as `serverless deploy` would, to prove
# each serverless.yml is valid and every handler bundles. The templates it writes
# (services/*/.serverless/cloudformation-template-update-stack.json) are what scripts/check/ checks.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
for config in services/*/serverless.yml; do
  service=$(dirname "$config")
  echo "== packaging ${service}" >&2
  (cd "$service" && env -u AWS_PROFILE AWS_ACCESS_KEY_ID= AWS_SECRET_ACCESS_KEY= npx serverless package --stage dev >/dev/null)
done
