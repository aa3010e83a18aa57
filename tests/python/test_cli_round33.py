"""Round 33: the command line's messages name its own options, not the Python keywords."""

from zhibiao import cli


def test_compute_ids_the_panel_cannot_compute_names_the_commands_way_out(tmp_path, capsys):
    # a trial's panel: R&D and patents, but no GDP and no valid invention patents
    table = tmp_path / "p.csv"
    table.write_text("entity,period,rd_expenditure[亿元],patents_granted[件]\n青山高新区,2025,18.2,1426\n", encoding="utf-8")
    assert cli.main(["compute", str(table), "--ids", "rd_intensity,invention_patents_per_10k"]) == 2
    err = capsys.readouterr().err
    assert "strict=False" not in err
    assert "leave out --ids" in err and "rd_intensity (gdp)" in err
    # what the message promises: without --ids every indicator is written, these empty with their reason
    out = tmp_path / "out.csv"
    assert cli.main(["compute", str(table), "--out", str(out)]) == 0
    written = out.read_text(encoding="utf-8").splitlines()
    header, row = written[0].split(","), written[1].split(",")
    assert row[header.index("rd_intensity")] == "" and row[header.index("rd_intensity_reason")] == "missing_variable"
