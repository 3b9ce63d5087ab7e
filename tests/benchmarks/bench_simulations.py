"""Time one solve of each teaching model (a plain script, not a pytest file).

Run it with ``.venv/bin/python tests/benchmarks/bench_simulations.py``. Each model must solve in
well under 100 ms, so that a live slider redraws at once; the script exits with status 1 if one
takes longer than that.
"""

from __future__ import annotations

import statistics
import sys
import time

from immunobook.simulations import car_t, checkpoint, frames, plots
from immunobook.simulations import tumour_immune as ti

LIMIT_MS = 100.0
REPEATS = 25

CASES = {
    "tumour_immune.simulate (escape, 121 points)":
        lambda: ti.simulate(ti.PAPER, ti.RESTING_EFFECTORS, 100.0, 80.0, 121),
    "tumour_immune.simulate (elimination, blockade 6)":
        lambda: ti.simulate(ti.PAPER.replace(blockade=6.0), ti.RESTING_EFFECTORS, 100.0, 80.0, 121),
    "tumour_immune.equilibria":
        lambda: ti.equilibria(ti.PAPER),
    "car_t.simulate (90 days, 181 points)":
        lambda: car_t.simulate(1e8, 1e10),
    "car_t.simulate (high burden 1e12)":
        lambda: car_t.simulate(1e9, 1e12),
    "checkpoint.steady_state":
        lambda: checkpoint.steady_state(1.0, 0.5),
    "checkpoint.activity (51 blockade levels)":
        lambda: checkpoint.activity(checkpoint.TUMOUR, plots.BLOCKADE_LEVELS),
}


def timed(function, repeats: int = REPEATS) -> tuple[float, float]:
    function()  # warm up (imports, caches)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    rows = [(name, *timed(function)) for name, function in CASES.items()]
    width = max(len(name) for name, *_ in rows)
    print(f"{'model call':<{width}}  median ms  worst ms")
    print(f"{'-' * width}  ---------  --------")
    for name, median, worst in rows:
        print(f"{name:<{width}}  {median:9.2f}  {worst:8.2f}")

    print()
    print("static figures (precomputed frames)")
    for name, (build, sliders) in {
        "tumour-immune time course": (plots.tumour_time_course, plots.TUMOUR_SLIDERS),
        "CAR T kinetics": (plots.car_t_figure, plots.CAR_T_SLIDERS),
        "checkpoint brakes": (plots.brakes_figure, plots.BRAKES_SLIDERS),
    }.items():
        start = time.perf_counter()
        figure = frames.slider_figure(build, sliders)
        seconds = time.perf_counter() - start
        print(f"  {name:<28} {len(figure.frames):3d} frames  "
              f"{frames.payload_bytes(figure) / 1024:6.1f} KiB  built in {seconds:.2f} s")
    phase = plots.phase_portrait()
    print(f"  {'phase portrait (no slider)':<28} {'':10}  "
          f"{frames.payload_bytes(phase) / 1024:6.1f} KiB")

    slow = [name for name, median, _ in rows if median >= LIMIT_MS]
    if slow:
        print(f"\nslower than {LIMIT_MS:.0f} ms: {', '.join(slow)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
