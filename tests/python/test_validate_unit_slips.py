"""Unit slips (fixroll9 trial): a value off by a factor that is the ratio of two units (10^4:
亿元 in a 万元 column, 人 in a 万人 one; 10^3, 10^8) from the same entity's previous period is a
finding; before, validate() found nothing."""

import io

import zhibiao as zb


def slips(text):
    findings = zb.read_csv(io.StringIO(text)).validate()
    found = findings[findings.rule.astype(str).str.endswith("_unit_slip")]
    return sorted(zip(found.entity, found.period, found.variable, found.rule)), found


def test_slips_of_ten_thousand_are_found_with_entity_variable_and_period():
    # R&D 1.6 where 16000万元 was meant (15000 → 1.6 → 17000: both sides flagged); GDP 1 050 000
    # where 105亿元 was meant (×10^4 over 105); population 500 000 where 50万人 was meant.
    found, table = slips(
        "region,period,gdp[亿元],rd_expenditure[万元],population[万人]\n"
        "320601,2022,100,15000,49\n320601,2023,105,1.6,50\n320601,2024,1050000,17000,500000\n"
    )
    assert found == [
        ("320601", "2023", "rd_expenditure", "rd_expenditure_unit_slip"),
        ("320601", "2024", "gdp", "gdp_unit_slip"),
        ("320601", "2024", "population", "population_unit_slip"),
        ("320601", "2024", "rd_expenditure", "rd_expenditure_unit_slip"),
    ]
    message = table[table.variable == "gdp"].message.iloc[0]
    assert "10^4" in message and "亿元" in message and "previous period" in message
    assert set(table.severity) == {"soft"}


def test_a_slip_of_ten_to_the_eight_and_a_half_year_beside_its_year():
    # 元 in a 亿元 column: 105 → 1.05e10 (10^8). 2024H1 beside 2023: ×0.51, no finding; 2024H1
    # value 4800 → 0.48 (亿元 in a 万元 column against the 2023 year end 9000: ×1/18750 ≈ 10^-4.27).
    found, _ = slips(
        "region,period,gdp[亿元],rd_expenditure[万元]\n"
        "A,2023,105,9000\nA,2024,1.05e10,9500\nB,2023,80,9000\nB,2024H1,41,0.48\n"
    )
    assert found == [
        ("A", "2024", "gdp", "gdp_unit_slip"),
        ("B", "2024H1", "rd_expenditure", "rd_expenditure_unit_slip"),
    ]


def test_ordinary_growth_is_no_slip():
    # Doubling, halving, ×30: no power of ten that is a unit ratio.
    found, _ = slips("region,period,gdp[亿元],rd_expenditure[万元]\nA,2022,100,100\nA,2023,200,3000\nA,2024,100,1500\n")
    assert found == []
    sample = zb.read_csv("data/sample/counties_synthetic.csv").validate()
    assert not sample.rule.str.endswith("_unit_slip").any()
