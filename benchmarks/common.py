"""What every benchmark shares: where the evaluation data is, and how figures are printed."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: $EXPLORER_BENCH_DATA names the data folder when the checkout is not beside it (a worktree).
DATA = Path(os.environ.get("EXPLORER_BENCH_DATA") or REPO / ".." / "shared" / "data").resolve()
BBC = DATA / "news" / "bbc"


def child_env(repo: Path = REPO) -> dict[str, str]:
    """The environment for a timed child process of checkout `repo`'s code: as a user's, so
    Python writes and reads its bytecode cache (with PYTHONDONTWRITEBYTECODE set every start
    compiles every module: about 1 s more before the app's first screen)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(repo)
    return env


def checkout_python(repo: Path) -> str:
    """The Python of checkout `repo` (its .venv's, else the one running)."""
    python = repo / ".venv" / "bin" / "python"
    return str(python if python.exists() else sys.executable)


def compile_checkout(repo: Path) -> None:
    """Fill checkout `repo`'s bytecode cache before it is timed (its first run would compile
    what a user's never does)."""
    subprocess.run(
        [checkout_python(repo), "-m", "compileall", "-q", "explorer"],
        capture_output=True,
        env=child_env(repo),
        cwd=repo,
        check=False,
    )


def data_or_skip(path: Path, what: str) -> bool:
    """True when `path` exists; otherwise print one line saying what is skipped."""
    if path.exists():
        return True
    print(f"  skipped {what}: {path} is absent (research data lives beside the repo)")
    return False


def heading(title: str) -> None:
    print(f"\n== {title}")


def figure(name: str, value: str, target: str = "") -> None:
    print(f"  {name:<48} {value:>18}   {target}")


def spread(samples: Sequence[float], unit: str = "s", scale: float = 1.0) -> str:
    """Median and spread (min-max) of repeated measurements."""
    values = sorted(s * scale for s in samples)
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.3f} {unit}"
    return f"{med:.3f} {unit} ({values[0]:.3f}-{values[-1]:.3f})"


def percentile(samples: Sequence[float], p: float) -> float:
    values = sorted(samples)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def dir_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
