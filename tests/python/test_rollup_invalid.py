"""Roll-up of invalid children, long parent chains (issues #11.1 and #17)."""
import io

import numpy as np
import pandas as pd
import pytest

import zhibiao as zb


def counties():
    return zb.read_csv(
        io.BytesIO(
            "region,period,projects_approved[项],projects_applied[项]\n"
            "320602,2023,-3,10\n"
            "320612,2023,4,10\n".encode()
        )
    )


def test_a_negative_count_is_not_summed_into_the_parent():
    panel = counties()
    assert not panel.validate().query("rule == 'approved_whole_and_non_negative'").empty
    city = panel.rollup("admin")
    values, reasons = city.compute("project_approval_rate", reasons=True)
    # Before: (-3 + 4) / 20 = 5% with no reason, and the coverage said complete.
    assert np.isnan(values.iloc[0, 0])
    assert reasons.iloc[0, 0] == "invalid_child"
    cov = city.coverage.set_index("variable")
    assert cov.loc["projects_approved", "children"] == 2
    assert cov.loc["projects_approved", "with_data"] == 2
    assert cov.loc["projects_approved", "valid"] == 1
    assert not cov.loc["projects_approved", "complete"]
    assert cov.loc["projects_applied", "complete"]
    # partial_sums: the valid children only, documented.
    partial = panel.rollup("admin", partial_sums=True)
    assert partial.values("projects_approved").tolist() == [4.0]


def test_non_integer_counts_and_unparseable_cells_are_invalid_children():
    panel = zb.read_csv(
        io.BytesIO("region,period,projects_approved[项],gdp[亿元]\n320602,2023,2.5,1\n320612,2023,3,x\n".encode()),
        lenient=True,
    )
    city = panel.rollup("admin")
    reasons = {v: zb.REASONS[city._core.reasons(v)[0] - 1] for v in ("projects_approved", "gdp")}
    assert reasons == {"projects_approved": "invalid_child", "gdp": "invalid_child"}


def test_pandas_panels_roll_up_the_same_way():
    df = pd.DataFrame({"region": ["320602", "320612"], "period": [2023, 2023], "gdp": [-1.0, 5.0]})
    city = zb.Panel.from_pandas(df, entity="region", units={"gdp": "亿元"}).rollup("admin")
    assert np.isnan(city.values("gdp")[0])


def test_long_parent_chains_are_checked_quickly_and_cycles_are_named():
    # The cycle check was cubic: 10,000 links took minutes, 100,000 would take hours.
    links = 100_000
    chain = {f"c{k}": f"c{k + 1}" for k in range(links)}
    chain["d0"] = "c5"  # not c1, whose row beside c0's would nest (a total beside its part)
    panel = zb.read_csv(io.BytesIO(b"entity,period,population[\xe4\xb8\x87\xe4\xba\xba]\nc0,2023,1\nd0,2023,2\n"))
    up = panel.rollup(chain)
    assert up.entities["code"].tolist() == ["c1", "c5"]
    chain[f"c{links}"] = "c5"
    with pytest.raises(zb.Error, match=r"cycle: c5 → c6 → .* → c100000 → c5"):
        panel.rollup(chain)


def _gdp(codes):
    return zb.read_csv(io.StringIO("region,period,gdp[亿元]\n" + "".join(f"{c},2024,1\n" for c in codes)))


def test_short_admin_codes_are_one_province():
    # Round 14 (trial F3): 320600 and 3207 are two prefectures of Jiangsu: one province 320000
    # with 1 + 1 = 2, not 320000: 1 and 32: 1.
    up = _gdp(["320600", "3207"]).rollup("admin").to_pandas().reset_index()
    assert up[["entity", "gdp"]].values.tolist() == [["320000", 2.0]]
    up = _gdp(["320601", "3207"]).rollup("admin", to="province").to_pandas().reset_index()
    assert up[["entity", "gdp"]].values.tolist() == [["320000", 2.0]]
    # 3206 holds 320601 as 320600 does: the total beside its part is refused in either width.
    for outer in ("3206", "320600"):
        with pytest.raises(zb.Error, match=f"320601 in {outer}"):
            _gdp(["320601", outer]).rollup("admin", to="province")
    with pytest.raises(zb.Error, match="3206 and 320600"):
        _gdp(["3206", "320600"]).rollup("admin")


def test_a_share_above_its_whole_is_not_summed():
    # Round 14 (trial F8): 15 approved of 10 applied in 320601 (its rate out_of_range) made
    # 320600 (15 + 5) / (10 + 10) = 100 % with no reason; now NaN, invalid_child.
    p = zb.read_csv(
        io.StringIO("region,period,projects_applied,projects_approved\n320601,2024,10,15\n320602,2024,10,5\n")
    )
    values, reasons = p.rollup("admin").compute("project_approval_rate", reasons=True)
    assert np.isnan(values.iloc[0, 0])
    assert reasons.iloc[0, 0] == "invalid_child"
    up = p.rollup("admin")
    assert up.coverage.set_index("variable").loc["projects_approved", "valid"] == 1
    # With partial sums, over the matched child 320602 only: 5 / 10 = 50 %, flagged.
    values, reasons = p.rollup("admin", partial_sums=True).compute("project_approval_rate", reasons=True)
    assert values.iloc[0, 0] == 50.0
    assert reasons.iloc[0, 0] == "invalid_child"
