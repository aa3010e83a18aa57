"""Walks the bad-input corpus (tests/data/bad/manifest.toml): each input must have its
documented outcome. Used by test_bad_inputs.py and by tests/fuzz/report.py."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import zhibiao as zb
from zhibiao import _core

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


@dataclasses.dataclass
class Outcome:
    name: str
    expected: str
    got: str
    ok: bool


def _generated(name: str) -> str:
    if name == "wide_header_1e6_columns":
        return "entity,period," + ",".join(f"v{i}" for i in range(1_000_000)) + "\n"
    if name == "deep_parentheses_1e5":
        return "(" * 100_000 + "1" + ")" * 100_000
    if name == "deep_minus_1e5":
        return "-" * 100_000 + "1"
    if name == "huge_literal":
        return "1e999 + 1"
    raise KeyError(name)


def _run(case: dict, data: bytes) -> object:
    kind = case["kind"]
    if kind == "csv":
        return _core.parse_csv(data, source=case.get("file", "<generated>"), **case.get("options", {}))
    if kind == "report":
        return _core.extract(data)  # bytes as they are: the extractor copes with bad UTF-8
    text = data.decode("utf-8")
    if kind == "composite":
        return _core.composite_parse_model(text, case["file"])
    if kind == "uncertainty":
        return _core.composite_uncertainty_config(text, case["file"])
    if kind == "formula":
        return _core.check_formula(text)
    if kind == "catalogue":
        return _core.Catalogue.from_toml(text, case["file"])
    if kind == "scorecard":
        return _core.Scorecard.from_toml(text, case["file"])
    raise ValueError(kind)


def check(case: dict) -> Outcome:
    name = case.get("file") or case["generate"]
    data = (BAD / case["file"]).read_bytes() if "file" in case else _generated(case["generate"]).encode()
    expected = case["expect"]
    try:
        result = _run(case, data)
    except zb.Error as e:
        got = type(e).__name__
        ok = got == expected
        if ok and "line" in case:
            ok = e.line == case["line"]
            got += f" at line {e.line}"
        if ok and "column" in case:
            ok = e.column == case["column"]
            got += f", column {e.column}"
        return Outcome(name, expected, got, ok)
    if expected != "loads":
        return Outcome(name, expected, "loaded", False)
    problems = []
    if case["kind"] == "csv":
        r = result.report
        if r["data_lines"] != r["rows_loaded"] + r["blank_lines"] + r["rows_skipped"]:
            problems.append("the report does not add up")
        for key, field in (
            ("rows", "rows_loaded"),
            ("skipped", "rows_skipped"),
            ("blank", "blank_lines"),
            ("missing", "cells_missing"),
            ("unparseable", "cells_unparseable"),
        ):
            if key in case and r[field] != case[key]:
                problems.append(f"{field} {r[field]} != {case[key]}")
        if "value" in case and result.values(result.variables[0])[0] != case["value"]:
            problems.append(f"value {result.values(result.variables[0])[0]} != {case['value']}")
    if case["kind"] == "report":
        columns, info = result
        flags = columns["flag_masked"]
        counts = {
            "facts": len(columns["value"]),
            "invalid_bytes": info["invalid_bytes"],
            "masked": sum(flags),
            "damaged": sum(columns["flag_damaged"]),
        }
        for key, got in counts.items():
            if key in case and got != case[key]:
                problems.append(f"{key} {got} != {case[key]}")
        if any(v == v and h == h and f for v, h, f in zip(columns["value"], columns["high"], flags)):
            problems.append("a masked figure has a value")
        if any(v == v for v, d in zip(columns["value"], columns["flag_damaged"]) if d):
            problems.append("a damaged figure has a value")
    return Outcome(name, expected, "loads" + (": " + "; ".join(problems) if problems else ""), not problems)


def run_all() -> list[Outcome]:
    manifest = tomllib.loads((BAD / "manifest.toml").read_text(encoding="utf-8"))
    return [check(case) for case in manifest["case"]]
