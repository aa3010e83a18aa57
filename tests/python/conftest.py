from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Public reference data beside the project (../shared/data, see each PROVENANCE.md). Tests may
# read it; the product never does.
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"reference data not found at {SHARED}")
    return SHARED


@pytest.fixture
def sample_dir() -> Path:
    return ROOT / "data" / "sample"
