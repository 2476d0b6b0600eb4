"""Where a process's CPU went: py-spy sampling (``pip install py-spy``) and a summary of
its collapsed stacks. Used by ``bench/gateway.py --profile`` and ``bench/pipeline.py --profile``."""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sampling(pid: int, path: Path, seconds: float) -> subprocess.Popen:
    """py-spy sampling ``pid`` for ``seconds`` into ``path`` (collapsed stacks, by function)."""
    return subprocess.Popen([shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy"), "record",
                             "--pid", str(pid), "--duration", str(int(seconds)), "--rate", "250", "--function",
                             "--nonblocking", "--format", "raw", "--output", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def print_profile(directory: str, top: int = 18) -> None:
    """From each collapsed-stack file: the functions with the most samples of their own, and
    the frames of ours (and the libraries' main steps) with the most samples beneath them."""
    for path in sorted(Path(directory).glob("*.txt")):
        own: Counter = Counter()
        beneath: Counter = Counter()
        total = 0
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if not stack or not count.isdigit():
                continue
            frames = [_frame(f) for f in stack.split(";")]
            total += int(count)
            own[frames[-1]] += int(count)
            for frame in set(frames):
                beneath[frame] += int(count)
        if not total:
            print(f"\n{path.name}: no samples (py-spy missing or not permitted?)")
            continue
        print(f"\n{path.name}: {total} samples")
        print("  own:      " + "\n            ".join(f"{100 * n / total:5.1f}%  {f}" for f, n in own.most_common(top)))
        interesting = [(f, n) for f, n in beneath.most_common() if any(k in f for k in INTERESTING)][:top]
        print("  beneath:  " + "\n            ".join(f"{100 * n / total:5.1f}%  {f}" for f, n in interesting))


INTERESTING = ("gateway/", "samskab_infra/", "services/", "initiatives/", "samskab_contracts/", "jwt", "marshmallow",
               "json", "pymongo/synchronous/collection", "bson", "kombu", "nameko/rpc", "nameko/web",
               "werkzeug", "prometheus", "logging")


def _frame(frame: str) -> str:
    """``function (path:line)`` with the path from site-packages or the repository on."""
    for marker in ("site-packages/", "python3.11/", str(ROOT) + "/"):
        if marker in frame:
            head, _, tail = frame.partition(marker)
            return f"{head.split(' (')[0]} ({tail.rstrip(')')})"
    return frame
