"""Property tests (hypothesis) of units and the ratio kernel."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import zhibiao as zb

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).filter(lambda x: x == 0 or abs(x) > 1e-200)
scales = st.sampled_from(["元", "万元", "亿元", "万亿元", "百万元"])


@settings(deadline=None)
@given(st.lists(finite, min_size=1, max_size=20), scales, scales)
def test_conversion_round_trips(values, a, b):
    x = np.array(values)
    back = zb.Unit(b).convert(zb.Unit(a).convert(x, zb.Unit(b)), zb.Unit(a))
    np.testing.assert_allclose(back, x, rtol=1e-15, atol=0)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.just(np.nan), st.floats(-10, 1e6).filter(lambda x: x == 0 or abs(x) > 1e-9)),
            st.one_of(st.just(np.nan), st.floats(-10, 1e6).filter(lambda x: x == 0 or abs(x) > 1e-9)),
        ),
        min_size=1,
        max_size=30,
    ),
    scales,
    scales,
)
def test_ratio_is_unit_invariant_and_every_gap_has_a_reason(pairs, num_unit, den_unit):
    rd = np.array([p[0] for p in pairs])
    gdp = np.array([p[1] for p in pairs])
    df = pd.DataFrame({"entity": [str(i) for i in range(len(pairs))], "period": 2020, "rd_expenditure": rd, "gdp": gdp})
    base = zb.Panel.from_pandas(df, units={"rd_expenditure": num_unit, "gdp": den_unit})
    values, reasons = base.compute(["rd_intensity"], reasons=True)
    v = values["rd_intensity"].to_numpy()
    assert not np.isinf(v).any()
    assert (np.isnan(v) == reasons["rd_intensity"].notna().to_numpy()).all()
    # The same quantities in 元 give the same result.
    df2 = df.assign(
        rd_expenditure=zb.Unit(num_unit).convert(rd, zb.Unit("元")), gdp=zb.Unit(den_unit).convert(gdp, zb.Unit("元"))
    )
    v2 = zb.Panel.from_pandas(df2, units={"rd_expenditure": "元", "gdp": "元"}).compute("rd_intensity")["rd_intensity"]
    ok = ~np.isnan(v) & ~np.isnan(v2.to_numpy())
    np.testing.assert_allclose(v[ok], v2.to_numpy()[ok], rtol=1e-12)
