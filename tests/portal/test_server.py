"""The portal as a process: ``python -m reference_portal`` prints its address, answers, stops on SIGTERM."""

import json
import signal
import subprocess
import sys
import urllib.request


def test_server_starts_and_stops(tmp_path):
    command = [sys.executable, "-m", "reference_portal", "--port", "0", "--control-token", "t",
               "--database-url", f"sqlite:///{tmp_path / 'db.sqlite3'}"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("inspira reference portal listening on http://127.0.0.1:")
        base = line.rsplit(" ", 1)[1].strip()
        with urllib.request.urlopen(base + "/health", timeout=5) as response:
            assert json.loads(response.read())["status"] == "ok"
        request = urllib.request.Request(base + "/__conformance__/v1/clock", headers={"Authorization": "Bearer t"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert "now" in json.loads(response.read())
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
