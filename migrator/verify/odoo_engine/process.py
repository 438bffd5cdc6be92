"""The driver (driver.py) as a process of the Odoo installation's Python: started with its
configuration, asked one JSON request at a time; its log kept for the error messages."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from migrator.errors import UsageError
from migrator.verify.errors import CannotVerify

DRIVER = Path(__file__).with_name("driver.py")


class DriverError(Exception):
    """The driver itself failed (not the scenario): the message ends with the log's last line."""


def _config_file(work: Path, name: str, config: dict[str, Any]) -> Path:
    path = work / f"{name}.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def run_once(python: Path, work: Path, name: str, command: str, config: dict[str, Any], timeout: float) -> None:
    """`driver.py COMMAND` to its end (building a template)."""
    log = work / f"{name}.log"
    with log.open("w", encoding="utf-8") as handle:
        try:
            done = subprocess.run([str(python), str(DRIVER), command, str(_config_file(work, name, config))],
                                  stdin=subprocess.DEVNULL, stdout=handle, stderr=subprocess.STDOUT,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise DriverError(f"Odoo did not finish {command} within {timeout:.0f} s (log: {log})") from None
    if done.returncode != 0 or _failed(log):
        raise DriverError(f"Odoo failed to {command}: {_last_error(log)} (log: {log})")


class Driver:
    """One run's Odoo process, serving requests."""

    def __init__(self, python: Path, work: Path, name: str, config: dict[str, Any]) -> None:
        self.log = work / f"{name}.log"
        self._log = self.log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [str(python), str(DRIVER), "serve", str(_config_file(work, name, config))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, text=True, encoding="utf-8")

    def send(self, op: str, **args: Any) -> None:
        assert self.process.stdin
        self.process.stdin.write(json.dumps({"op": op, "args": args}, default=str) + "\n")
        self.process.stdin.flush()

    def receive(self) -> Any:
        assert self.process.stdout
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            raise DriverError(f"Odoo's process ended ({self.process.returncode}): {_last_error(self.log)} "
                              f"(log: {self.log})")
        answer = json.loads(line)
        if "usage" in answer:
            raise UsageError(answer["usage"])
        if "refused" in answer:
            text = answer["refused"]
            raise CannotVerify(text if text.startswith("cannot") else f"cannot verify: {text}")
        if "error" in answer:
            self._log.write(answer.get("traceback", ""))
            self._log.flush()
            raise DriverError(f"Odoo's replay failed: {answer['error']} (log: {self.log})")
        return answer["ok"]

    def ask(self, op: str, **args: Any) -> Any:
        self.send(op, **args)
        return self.receive()

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def _failed(log: Path) -> bool:
    """odoo-bin exits 0 even when a module failed to install: its log says so."""
    text = log.read_text(encoding="utf-8", errors="replace")
    return " CRITICAL " in text or "Failed to load registry" in text or "Traceback (most recent call last)" in text


def _last_error(log: Path) -> str:
    lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    for line in reversed(lines):
        if " ERROR " in line or " CRITICAL " in line or "Error" in line.split(":")[0]:
            return line[-300:]
    return lines[-1][-300:] if lines else "no output"
