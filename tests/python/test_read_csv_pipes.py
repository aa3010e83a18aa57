"""read_csv and the CLI read a pipe or FIFO to its end, as `-` (analyst trial 5); devices and
directories stay refused."""

import os
import shutil
import subprocess
import sys
import threading

import pytest

import zhibiao as zb


def _fifo_with_writer(tmp_path, data: bytes):
    fifo = tmp_path / "panel.csv"
    os.mkfifo(fifo)

    def write():
        with open(fifo, "wb") as f:  # blocks until the reader opens the FIFO
            f.write(data)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return fifo, writer


def test_a_fifo_is_read_to_its_end_as_a_stream(tmp_path):
    # Before: FileError "not a regular file (a device, a pipe or a socket)".
    body = "".join(f"E{i},2024,{i}\n" for i in range(50_000)).encode()  # more than a pipe's buffer
    fifo, writer = _fifo_with_writer(tmp_path, b"region,period,gdp[\xe4\xba\xbf\xe5\x85\x83]\n" + body)
    panel = zb.read_csv(fifo)
    writer.join(5)
    assert len(panel) == 50_000 and panel.values("gdp")[-1] == 49_999


def test_an_empty_fifo_is_an_empty_input_and_devices_and_directories_stay_refused(tmp_path):
    fifo, writer = _fifo_with_writer(tmp_path, b"")
    with pytest.raises(zb.ParseError) as empty_fifo:
        zb.read_csv(fifo)
    writer.join(5)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(zb.ParseError) as empty_file:
        zb.read_csv(empty)
    assert str(empty_fifo.value).replace(str(fifo), "F") == str(empty_file.value).replace(str(empty), "F")
    for device in ("/dev/null", "/dev/zero"):  # /dev/zero would never end: character devices are refused
        with pytest.raises(zb.FileError, match="not a regular file"):
            zb.read_csv(device)
    with pytest.raises(zb.FileError, match="directory"):
        zb.read_csv(tmp_path)


def test_the_cli_reads_a_process_substitution(tmp_path):
    if shutil.which("bash") is None:
        pytest.skip("needs bash for <(...)")
    data = tmp_path / "ok.csv"
    data.write_text("region,period,gdp[亿元],rd_expenditure[万元]\nA,2024,100,5000\n", encoding="utf-8")
    command = f'"{sys.executable}" -m zhibiao compute <(cat "{data}") --ids rd_intensity -q'
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "A,2024,0.50,"  # 5000 万元 / 100 亿元 = 0.5 %, 2 decimals
    # composite --period looked for reason columns by reading the pipe's first line itself, so
    # read_csv then met the pipe without its header (review of the whole change).
    model = tmp_path / "m.toml"
    model.write_text(
        '[[node]]\ncode="idx"\nlevel=2\n[[node]]\ncode="gdp"\nparent="idx"\n[[node]]\ncode="rd"\nparent="idx"\n'
        '[[step]]\nkind="normalise"\nmethod="minmax"\n[[step]]\nkind="aggregate"\nmethod="arithmetic"\n',
        encoding="utf-8",
    )
    data.write_text("region,period,gdp,rd\nA,2024,100,5\nB,2024,80,9\n", encoding="utf-8")
    command = f'"{sys.executable}" -m zhibiao composite <(cat "{data}") --period 2024 --model "{model}" -q'
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(line.split(",")[0] for line in result.stdout.splitlines()[1:]) == ["A", "B"]


def test_ctrl_c_ends_the_wait_for_a_fifo_nobody_writes_to(tmp_path):
    # The wait for a writer polled without a timeout: the reader hung past Ctrl-C (review).
    import signal
    import time

    fifo = tmp_path / "never.csv"
    os.mkfifo(fifo)
    reader = subprocess.Popen(
        # SIGINT handled as in a terminal, also when the tests run in a shell's background
        # (which starts them with SIGINT ignored, inherited by the child)
        [
            sys.executable,
            "-c",
            "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); import zhibiao as zb; "
            f"print('ready', flush=True); zb.read_csv({str(fifo)!r})",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "ready"
        time.sleep(0.5)
        reader.send_signal(signal.SIGINT)
        _, err = reader.communicate(timeout=20)
    finally:
        reader.kill()
    assert "KeyboardInterrupt" in err
