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
