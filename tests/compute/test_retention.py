"""The scratch tag is one contract in three places: core (TypeScript), compute (Python) and the
data bucket's lifecycle rule. A rename in one of them would silently stop expiry."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl

from seisless_compute.io.retention import SCRATCH_TAG, SCRATCH_TAGGING

ROOT = Path(__file__).resolve().parents[2]


def test_python_scratch_tag_is_the_core_one():
    source = (ROOT / "packages/core/src/storage/retention.ts").read_text()
    match = re.search(r"SCRATCH_TAG = \{ key: '([^']+)', value: '([^']+)' \}", source)
    assert match is not None, "SCRATCH_TAG not found in packages/core/src/storage/retention.ts"
    assert (match[1], match[2]) == SCRATCH_TAG


def test_the_tagging_parameter_decodes_to_the_tag():
    assert parse_qsl(SCRATCH_TAGGING, strict_parsing=True) == [SCRATCH_TAG]
    assert ":" not in SCRATCH_TAGGING  # S3 reads the header as a URL query: reserved characters encoded


def test_the_lifecycle_rule_expires_the_tag():
    template = (ROOT / "services/iterator/serverless.yml").read_text()
    rule = re.search(r"- Id: expire-scratch\n(?:\s+.*\n)*?\s+TagFilters:\n\s+- Key: (\S+)\n\s+Value: (\S+)",
                     template)
    assert rule is not None, "no expire-scratch rule with a TagFilter in services/iterator/serverless.yml"
    assert (rule[1], rule[2]) == SCRATCH_TAG
