"""Every input of the bad-input corpus has its documented outcome (tests/data/bad/manifest.toml)."""

import tomllib

import pytest

from bad_inputs import BAD, check

CASES = tomllib.loads((BAD / "manifest.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[c.get("file") or c["generate"] for c in CASES])
def test_documented_outcome(case):
    outcome = check(case)
    assert outcome.ok, f"{outcome.name}: expected {outcome.expected}, got {outcome.got}"


def test_every_corpus_file_is_in_the_manifest():
    listed = {c["file"] for c in CASES if "file" in c}
    on_disk = {p.name for p in BAD.iterdir() if p.name != "manifest.toml"}
    assert on_disk == listed
