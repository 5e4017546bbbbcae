"""Year-column trajectories: linear interpolation between given years, flat outside."""

from __future__ import annotations

from bisect import bisect_left


def interpolate(points: dict[int, float], year: int) -> float:
    """Value of a trajectory in ``year``.

    Linear between the two nearest given years; the first (last) value is held flat before
    (after) the given range. ``points`` must not be empty.
    """
    if not points:
        raise ValueError("empty trajectory")
    xs = sorted(points)
    if year <= xs[0]:
        return float(points[xs[0]])
    if year >= xs[-1]:
        return float(points[xs[-1]])
    i = bisect_left(xs, year)
    if xs[i] == year:
        return float(points[year])
    x0, x1 = xs[i - 1], xs[i]
    w = (year - x0) / (x1 - x0)
    return float(points[x0] * (1.0 - w) + points[x1] * w)
