"""Patents in force from a DataFrame without a Python object per row (issue 16): region and kind
codes hashed in C++ from object, str and Categorical columns, dates as integer days."""

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb
from zhibiao import _core, _patents

DATES = ["2019-12-31", "2021-06-30"]


def records() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": ["南通", "A", "南通", "B", "B", "A"],
            "kind": ["invention", "发明", "invention", "utility", "发明专利", "invention"],
            "filing_date": pd.to_datetime(
                ["2000-05-01", "2015-01-01", "2016-01-01", "2018-01-01", "2019-01-01", "2010-02-01"]
            ),
            "grant_date": pd.to_datetime(
                ["2004-01-01", "2017-01-01", "2018-01-01", "2019-01-01", "2021-01-01", "2012-03-01"]
            ),
            "end_date": pd.to_datetime([None, None, "2020-01-01", None, None, None]),
        }
    )


def expected() -> pd.DataFrame:
    # By hand: A holds two inventions in force on both dates; 南通's 2000 filing expires on
    # 2020-05-01 and its 2016 one ends 2020-01-01; B's only invention is granted in 2021.
    return pd.DataFrame(
        [[2, 2], [0, 1], [2, 0]], index=pd.Index(["A", "B", "南通"], name="region"), columns=pd.to_datetime(DATES)
    )


@pytest.mark.parametrize("as_type", ["object", "category", "non-ascii-first"])
def test_every_kind_of_text_column_gives_the_same_count(as_type):
    table = records()
    if as_type == "category":
        table["region"] = pd.Categorical(table["region"], categories=["南通", "B", "A", "unused"])
        table["kind"] = table["kind"].astype("category")
    elif as_type == "non-ascii-first":  # str objects whose UTF-8 form is not cached yet
        table["region"] = ["".join(reversed(s))[::-1] for s in table["region"]]
    counts = zb.patents_in_force(table, DATES, as_of="2025-12-31")
    expect = expected()
    if as_type == "category":  # a category without records is a region with none in force
        expect.loc["unused"] = [0, 0]
        expect = expect.sort_index()
    pd.testing.assert_frame_equal(counts, expect, check_names=False, check_index_type=False, check_column_type=False)


def test_missing_regions_are_excluded_and_counted():
    table = records()
    table.loc[1, "region"] = None
    table.loc[5, "region"] = np.nan
    counts, found = zb.patents_in_force(table, DATES, as_of="2025-12-31", findings=True)
    assert list(counts.index) == ["B", "南通"]  # no "None" or "nan" region
    assert found.set_index("problem").loc["bad_region", "records"] == 2


def test_numbers_as_region_codes_read_as_their_text():
    table = records().assign(region=[320600, 110000, 320600, 120000, 120000, 110000])
    counts = zb.patents_in_force(table, DATES, as_of="2025-12-31")
    assert list(counts.index) == ["110000", "120000", "320600"]
    assert counts.loc["320600"].tolist() == [2, 0]


def test_factorize_texts_from_object_arrays():
    codes, texts = _core.factorize_texts(np.array(["b", None, "a", "b", 7, float("nan"), "é"], dtype=object))
    assert texts == ["7", "a", "b", "é"]
    assert codes.tolist() == [2, -1, 1, 2, 0, -1, 3]
    fixed = np.array(["南通", "A", "", "南通x"], dtype=str)  # NumPy's UCS-4 texts, and bytes
    assert _core.factorize_texts(fixed)[1] == ["", "A", "南通", "南通x"]
    assert _core.factorize_texts(fixed)[0].tolist() == [2, 1, 0, 3]
    assert _core.factorize_texts(np.array([b"b", b"a"]))[1] == ["a", "b"]
    with pytest.raises(ValueError, match="array of texts"):
        _core.factorize_texts(np.arange(3))


def test_datetime64_units_become_days():
    for unit in ("ns", "us", "s", "D"):
        values = np.array(["1969-12-31T23:00", "2024-02-29T12:00", "NaT"], dtype=f"datetime64[{unit}]")
        days = _patents._days(values, "x")
        assert days.tolist() == [-1, 19782, np.iinfo(np.int32).min], unit


def _distinct_copy(text: str) -> str:
    """An equal str that is another object (slicing a longer one builds a new str; CPython keeps
    one object for "" and for each one-character Latin-1 text)."""
    copy = (text + "!")[:-1]
    assert copy == text and (copy is not text or len(text) < 2)
    return copy


def _assert_same_as_pandas(cells: list, threads: int = 0) -> None:
    expected_codes, expected_texts = pd.factorize(pd.Series(cells, dtype=object), sort=True)
    codes, texts = _core.factorize_texts(np.array(cells + [None], dtype=object)[:-1], threads)
    assert texts == list(expected_texts)
    assert codes.tolist() == expected_codes.tolist()


def test_factorize_texts_on_shared_and_distinct_equal_str_objects():
    # The same few objects on many rows (as pandas' CSV reader hands them out), equal texts held
    # by other objects, texts of every length around the 8- and 16-byte words, and non-ASCII ones.
    texts = ["", "a", "ab", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghi", "x" * 15, "x" * 16, "x" * 17, "y" * 40]
    texts += ["南通", "南通市", "江苏省南通市崇川区", "é"]
    shared = [texts[(i * 7) % len(texts)] for i in range(3000)]
    distinct = [_distinct_copy(t) for t in shared]
    _assert_same_as_pandas(shared)
    _assert_same_as_pandas(distinct)
    _assert_same_as_pandas([s if i % 3 else d for i, (s, d) in enumerate(zip(shared, distinct))])


def test_factorize_texts_tells_texts_apart_that_share_their_first_and_last_words():
    # 9 to 16 bytes are read as two overlapping words, 4 to 7 as two half-words: the length
    # keeps texts apart whose words agree.
    cells = ["abcdefgh" + "abcdefgh"[k:] for k in range(8)] + ["abcd" + "abcd"[k:] for k in range(4)]
    cells += ["aaa", "aa", "a", "aba", "abba", "aaaa", "aaaaaaaa", "aaaaaaaaa"]
    _assert_same_as_pandas(cells * 3)


def test_factorize_texts_with_missing_and_other_objects_among_shared_ones():
    nan, seven, word = float("nan"), 7, "word"
    cells = [word, None, nan, seven, word, nan, seven, None, _distinct_copy(word), 7.5, "南通"] * 50
    codes, texts = _core.factorize_texts(np.array(cells, dtype=object))
    assert texts == ["7", "7.5", "word", "南通"]
    assert codes[:11].tolist() == [2, -1, -1, 0, 2, -1, 0, -1, 2, 1, 3]
    assert codes.tolist() == codes[:11].tolist() * 50


@pytest.mark.parametrize("threads", [1, 2])
def test_factorize_texts_on_many_rows_in_parallel(threads):
    pool = [f"{100000 + k}" for k in range(3000)] + [f"区{k}" for k in range(50)]
    rng = np.random.default_rng(3)
    picks = rng.integers(0, len(pool), 600_000)
    cells = [pool[p] if p % 5 else _distinct_copy(pool[p]) for p in picks.tolist()]
    cells[::97] = [None] * len(cells[::97])
    _assert_same_as_pandas(cells, threads)


def test_a_named_column_the_records_lack_is_refused_with_the_closest_name():
    """A misspelt end= once counted lapsed patents as in force (the column was silently skipped):
    南通's 2016 patent ends 2020-01-01, so on 2021-06-30 南通 holds 0, not 1."""
    frame = records().rename(columns={"end_date": "lapse"})
    assert zb.patents_in_force(frame, DATES, end="lapse").loc["南通"].tolist() == [2, 0]
    with pytest.raises(zb.MissingVariableError, match="'lapse_date'.*lapse"):
        zb.patents_in_force(frame, DATES, end="lapse_date")
    with pytest.raises(KeyError, match="did you mean 'region'"):
        zb.patents_in_force(frame, DATES, region="regoin", end="lapse")
    with pytest.raises(KeyError, match="kind=None"):
        zb.patents_in_force(frame.drop(columns="kind"), DATES, end="lapse")
    # The default end column may be absent: no lapse recorded.
    no_end = zb.patents_in_force(frame.drop(columns="lapse"), DATES)
    assert no_end.loc["南通"].tolist() == [2, 1]


def test_one_date_alone_is_one_date_not_its_characters():
    one = zb.patents_in_force(records(), "2019-12-31")
    pd.testing.assert_frame_equal(one, expected().iloc[:, :1])
    with pytest.raises(zb.ParseError, match="'2019-13-45'"):
        zb.patents_in_force(records(), ["2019-12-31", "2019-13-45"])


def test_large_code_and_day_arrays_are_whole_and_own_their_memory() -> None:
    # From 2 MiB up the codes and days are NumPy arrays over huge-page-advised memory of their
    # own (round 13): the same values as numpy's and pandas' own, writable, and alive after
    # the input is gone. 600,000 cells × 4 bytes = 2.4 MB, past one huge page.
    n = 600_000
    rng = np.random.default_rng(3)
    texts = np.array([f"r{k}" for k in rng.integers(0, 500, n)], dtype=object)
    texts[::97] = None
    codes, distinct = _core.factorize_texts(texts, 2)
    ref_codes, ref_uniques = pd.factorize(texts, sort=True)
    assert distinct == list(ref_uniques)
    np.testing.assert_array_equal(codes, ref_codes)
    assert codes.flags.writeable and codes.flags.c_contiguous and codes.dtype == np.int32

    ticks = rng.integers(-(10**18), 10**18, n)
    ticks[::13] = np.iinfo(np.int64).min  # NaT
    days = _core.days_from_ticks(ticks, 86_400_000_000_000, 2)
    floor = ticks // 86_400_000_000_000  # numpy's // floors, as the days must
    want = np.where(ticks == np.iinfo(np.int64).min, np.iinfo(np.int32).min, floor).astype(np.int32)
    del ticks, texts
    np.testing.assert_array_equal(days, want)
    days[0] = 7  # writable, and still readable after the inputs are gone
    assert days[0] == 7 and int(codes.sum()) == int(ref_codes.sum())


@pytest.mark.parametrize(
    "kinds, expected",
    [
        # Round 14: with one invention name among the kinds the selection is a compare of the codes,
        # with two or none a look-up; a missing kind (None, NaN) is never selected. By hand: the
        # four records are all in force on 2020-12-31 (filed 2010, granted 2012, no end).
        (["invention", "utility", None, "invention"], 2),
        (["invention", "发明", "design", np.nan], 2),
        (["utility", "design", None, "utility"], 0),
        (["发明专利", "发明专利", "发明专利", "发明专利"], 4),
    ],
)
def test_only_invention_kinds_are_counted_whichever_names_occur(kinds, expected):
    records = pd.DataFrame(
        {
            "region": ["A"] * 4,
            "kind": pd.Series(kinds, dtype=object),
            "filing_date": pd.to_datetime(["2010-01-01"] * 4),
            "grant_date": pd.to_datetime(["2012-01-01"] * 4),
        }
    )
    table, found = zb.patents_in_force(records, ["2020-12-31"], as_of="2025-12-31", findings=True)
    assert table.to_numpy().tolist() == [[expected]]
    assert found.attrs["not_selected"] == 4 - expected


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_a_kind_column_of_str_objects_is_selected_without_codes(threads):
    # Round 18: str kinds go straight to the uint8 selection. Shared and distinct objects, missing
    # cells, near misses (a prefix, a longer text, another case), and non-ASCII names whose UTF-8
    # form Python has not made yet (the workers stop; the column is read again with Python's help).
    names = ["invention", "utility", "invent", "inventions", "Invention", "发明", "发明专利", "发明x", "", "design"]
    rng = np.random.default_rng(8)
    picks = rng.integers(0, len(names) + 2, 700_001).tolist()
    cells: list = [names[p] if p < len(names) else (None if p == len(names) else float("nan")) for p in picks]
    for i in range(0, len(cells), 7):
        if isinstance(cells[i], str):
            cells[i] = _distinct_copy(cells[i])
    accepted = ["invention", "发明", "发明专利"]
    want = np.array([isinstance(c, str) and c in accepted for c in cells], dtype=np.uint8)
    ascii_name = {"发明": "invention", "发明专利": "invention", "发明x": "utility"}
    ascii_only = np.array([ascii_name.get(c, c) if isinstance(c, str) else c for c in cells], dtype=object)
    np.testing.assert_array_equal(_core.select_texts(ascii_only, accepted, threads), want)
    column = np.array(cells, dtype=object)
    np.testing.assert_array_equal(_core.select_texts(column, accepted, threads), want)
    np.testing.assert_array_equal(_core.select_texts(column, accepted, threads), want)  # UTF-8 now made
    # Another object (its text is its str()): None, and patents_in_force codes the column instead.
    assert _core.select_texts(np.array(["invention", 7], dtype=object), accepted, threads) is None
    with pytest.raises(ValueError, match="object array"):
        _core.select_texts(np.array(["invention"]), accepted, threads)


def test_kinds_that_are_not_str_are_read_as_their_text_and_selected_as_before():
    records = pd.DataFrame(
        {
            "region": ["A"] * 4,
            "kind": pd.Series(["invention", 7, "发明", b"invention"], dtype=object),
            "filing_date": pd.to_datetime(["2010-01-01"] * 4),
            "grant_date": pd.to_datetime(["2012-01-01"] * 4),
        }
    )
    table, found = zb.patents_in_force(records, ["2020-12-31"], as_of="2025-12-31", findings=True)
    assert table.to_numpy().tolist() == [[2]]  # "7" and "b'invention'" are not invention names
    assert found.attrs["not_selected"] == 2


def _tick_records(n: int, seed: int) -> dict:
    """Records with every problem the count tells apart, dates as datetime64[ns] ticks."""
    rng = np.random.default_rng(seed)
    day = np.int64(86_400_000_000_000)
    filing = rng.integers(9000, 20000, n).astype(np.int64)
    grant = filing + rng.integers(-30, 2000, n)  # some granted before filing
    end = grant + rng.integers(-30, 8000, n)  # some ending before grant, some in the future
    nat = np.iinfo(np.int64).min
    ticks = {k: v * day + rng.integers(0, day, n) for k, v in (("filing", filing), ("grant", grant), ("end", end))}
    ticks["filing"][rng.random(n) < 0.01] = nat
    ticks["grant"][rng.random(n) < 0.01] = nat
    ticks["end"][rng.random(n) < 0.6] = nat
    region = rng.integers(-1, 40, n).astype(np.int32)  # -1: no region
    region[rng.random(n) < 0.001] = 40  # out of range
    return dict(
        region=region,
        selected=(rng.random(n) < 0.7).astype(np.uint8),
        extension=np.where(rng.random(n) < 0.05, rng.integers(1, 1500, n), 0).astype(np.int32),
        **ticks,
    )


@pytest.mark.parametrize("threads", [1, 2, 3])
@pytest.mark.parametrize("with_end", [True, False])
def test_the_count_from_ticks_equals_the_count_from_day_columns(threads, with_end):
    # Round 18: datetime64 dates are read a block at a time (2^18 records) inside the count, and
    # stretches of 2^20 records go to the threads: 2.2·10^6 records cross both boundaries.
    rec = _tick_records(2_200_003, 11)
    dates = [int(d) for d in rng_dates()]
    ns = 86_400_000_000_000
    end = rec["end"] if with_end else None
    for extension in (None, rec["extension"]):
        from_days = _core.patents_in_force(
            rec["region"],
            40,
            _core.days_from_ticks(rec["filing"], ns),
            _core.days_from_ticks(rec["grant"], ns),
            None if end is None else _core.days_from_ticks(end, ns),
            extension,
            rec["selected"],
            dates,
            18_000,
            threads,
        )
        from_ticks = _core.patents_in_force_ticks(
            rec["region"],
            40,
            rec["filing"],
            ns,
            rec["grant"],
            ns,
            end,
            ns,
            extension,
            rec["selected"],
            dates,
            18_000,
            threads,
        )
        np.testing.assert_array_equal(from_ticks[0], from_days[0])
        assert from_ticks[1] == from_days[1]
        assert from_days[1]["counted"] > 0 and len(from_days[1]["excluded_examples"]) == 100


def rng_dates() -> list:
    return [16000, 12000, 19000, 17531, 14000, 18500]  # unsorted, some before most grants


def test_errors_of_the_count_from_ticks_name_the_record_of_the_whole_column():
    n = 700_000
    day = np.int64(86_400)
    filing = np.full(n, 15000 * day)
    grant = filing + 100 * day
    region = np.zeros(n, np.int32)
    bad = filing.copy()
    bad[600_001] = np.int64(10**16)  # seconds: beyond the int32 days (in the third block)
    with pytest.raises(_core.LimitError, match=r"^record 600001: a date outside"):
        _core.patents_in_force_ticks(region, 1, bad, 86_400, grant, 86_400, None, 1, None, None, [16000], 18000, 2)
    with pytest.raises(_core.LimitError, match=r"^record 600001: a date outside"):
        _core.days_from_ticks(bad, 86_400)  # the same words as the day columns' own error
    # A term the calendar cannot reach, in the second block: named by its record too.
    far = int((4_999_990 - 1970) * 365.2425) + 100  # a day of the year 4,999,990: 20 years on is beyond
    filing[300_007] = np.int64(far) * day
    grant[300_007] = filing[300_007] + day
    extension = np.zeros(n, np.int32)
    extension[300_007] = 10
    with pytest.raises(_core.LimitError, match=r"^record 300007: filed in the year 499999"):
        _core.patents_in_force_ticks(
            region, 1, filing, 86_400, grant, 86_400, None, 1, extension, None, [16000], 2**31 - 1, 1
        )
