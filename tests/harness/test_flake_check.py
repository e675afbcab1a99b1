"""`make flake-check FLAKE_ARGS="--load N"`: the CPU burners beside the runs never outlive the check."""

import pytest

from tests.flake_check import cpu_load


def test_the_burners_run_inside_the_block_and_are_ended_when_it_is_left():
    with cpu_load(2, 600) as burners:
        assert len(burners) == 2 and all(burner.poll() is None for burner in burners)
    assert all(burner.poll() is not None for burner in burners)


def test_the_burners_are_ended_when_the_run_inside_fails():
    with pytest.raises(RuntimeError), cpu_load(1, 600) as burners:
        assert burners[0].poll() is None
        raise RuntimeError("the run broke")
    assert burners[0].poll() is not None


def test_a_burner_ends_by_itself_at_its_bound():
    with cpu_load(1, 0.2) as [burner]:
        # Its own end, exit code 0, not the kill of the block's exit (which would be -9).
        assert burner.wait(timeout=300) == 0


def test_no_load_starts_nothing():
    with cpu_load(0, 600) as burners:
        assert burners == []


def test_a_sigterm_to_the_check_ends_its_burners(tmp_path):
    """Stopped by SIGTERM (a CI's timeout, `kill`), the check leaves through its `finally`: no burner is left."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    pids = tmp_path / "burners"
    script = (
        "import signal, sys, time\n"
        "from tests import flake_check\n"
        "signal.signal(signal.SIGTERM, flake_check._exit_on_sigterm)\n"
        "with flake_check.cpu_load(2, 600) as burners:\n"
        f"    open({str(pids)!r}, 'w').write(' '.join(str(b.pid) for b in burners))\n"
        "    print('burning', flush=True)\n"
        "    time.sleep(600)\n"
    )
    root = Path(__file__).resolve().parents[2]
    check = subprocess.Popen([sys.executable, "-c", script], cwd=root, stdout=subprocess.PIPE, text=True)
    assert check.stdout.readline().strip() == "burning"  # the burners are running: state, not a delay
    burner_pids = [int(pid) for pid in pids.read_text().split()]
    check.send_signal(signal.SIGTERM)
    assert check.wait(timeout=60) == 128 + signal.SIGTERM
    for pid in burner_pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # ended and reaped by the check before it left
