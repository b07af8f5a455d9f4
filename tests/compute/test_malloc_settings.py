"""glibc's malloc told to keep freed memory (config.keep_freed_memory), unless the environment
already says how."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys

import pytest
from seisless_compute.config import keep_freed_memory

glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")

SETTINGS = {"MALLOC_MMAP_THRESHOLD_": 256 << 20, "MALLOC_TRIM_THRESHOLD_": 1 << 30,
            "MALLOC_TOP_PAD_": 64 << 20}

#: In a fresh process: optionally the settings, then the page faults of a 64 MiB array made,
#: freed and made again (its second making is what a job's next temporary does).
_PROBE = """
import json, os, resource, sys
from seisless_compute.config import keep_freed_memory
made = keep_freed_memory(os.environ) if sys.argv[1] == "on" else {}
import numpy as np
np.ones(8 << 20)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
again = np.ones(8 << 20)
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
print(json.dumps({"made": made, "faults": faults}))
"""


def _probe(mode: str, **env: str) -> dict:
    clean = {k: v for k, v in os.environ.items()
             if k not in SETTINGS and k != "GLIBC_TUNABLES"}
    done = subprocess.run([sys.executable, "-c", _PROBE, mode], env={**clean, **env},
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@glibc
def test_it_sets_and_returns_the_three_settings():
    # Act
    probe = _probe("on")
    # Assert
    assert probe["made"] == SETTINGS


@glibc
def test_freed_memory_is_reused_without_page_faults():
    # Act
    kept, returned = _probe("on"), _probe("off")
    # Assert: 64 MiB is 32 pages even of 2 MiB (numpy asks for huge pages where it may)
    print(f"page faults of a second 64 MiB array: {kept['faults']} kept, "
          f"{returned['faults']} by default")
    assert kept["faults"] < 32 <= returned["faults"]


@glibc
def test_a_setting_given_in_the_environment_is_left_to_it():
    # Act
    probe = _probe("on", MALLOC_TOP_PAD_="0",
                   GLIBC_TUNABLES="glibc.malloc.trim_threshold=131072")
    # Assert
    assert probe["made"] == {"MALLOC_MMAP_THRESHOLD_": 256 << 20}


def test_nothing_is_set_when_the_environment_gives_every_setting():
    # Arrange
    environ = {name: str(value) for name, value in SETTINGS.items()}
    # Act / Assert
    assert keep_freed_memory(environ) == {}
    assert keep_freed_memory({"GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=1:"
                              "glibc.malloc.trim_threshold=1:glibc.malloc.top_pad=1"}) == {}
