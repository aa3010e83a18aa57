"""A duplicate (entity, period) row in a CSV file is named by its line (issue 16 item 2): the
panel's check knows rows, not lines, so the reader finds the lines again on the error path."""

import pytest

import zhibiao as zb


@pytest.mark.parametrize("threads", [1, 2])
def test_duplicate_row_names_file_line_entity_period_and_first_line(tmp_path, threads):
    rows = [f"f{i},{i}.5" for i in range(3000)]  # lines 2-3001
    rows.insert(1000, "")  # a blank line: line 1002
    rows.append('"f\n2",1')  # a quoted code with a newline: lines 3003-3004, another entity
    rows.append("f1500,9")  # line 3005: f1500 again (first on line 1503)
    path = tmp_path / "firms.csv"
    path.write_text("firm,x\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(zb.DuplicateRowError) as info:
        zb.read_csv(path, period_value="2024", threads=threads)
    err = info.value
    assert err.file == str(path)
    assert err.line == 3005
    assert err.entity == "f1500" and err.period == "2024"
    assert "the first on line 1503" in str(err)
