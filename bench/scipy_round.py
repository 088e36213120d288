"""Solves a matching round with scipy, as a reference for bench/matching-round.bench.ts.

Usage: /usr/bin/python3 bench/scipy_round.py DIR

DIR holds round.json ({"menteeCount", "mentorCount", "edgeCount", "capacity"}) and the edges as raw
little-endian arrays: mentee.i32, mentor.i32, score.f64. Prints one JSON object on stdout.

Formulation: each mentor's column is repeated once per seat, forbidden pairs score 0, and
linear_sum_assignment maximizes. It must give every row (or every column, when there are fewer
columns) a partner, but a 0 pair adds nothing, so dropping the 0 pairs from its answer leaves a
feasible round with the same total; and any feasible round can be padded with 0 pairs into a full
assignment, so both optima are equal. Allowed scores are positive, hence never confused with 0.
"""

import json
import os
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def main() -> None:
    directory = sys.argv[1]
    with open(os.path.join(directory, "round.json")) as file:
        header = json.load(file)
    mentee = np.fromfile(os.path.join(directory, "mentee.i32"), dtype="<i4")
    mentor = np.fromfile(os.path.join(directory, "mentor.i32"), dtype="<i4")
    score = np.fromfile(os.path.join(directory, "score.f64"), dtype="<f8")

    started = time.perf_counter()
    weights = np.zeros((header["menteeCount"], header["mentorCount"]))
    weights[mentee, mentor] = score
    seat_mentor = np.repeat(np.arange(header["mentorCount"]), np.asarray(header["capacity"], dtype=np.int64))
    matrix = np.ascontiguousarray(weights[:, seat_mentor])
    build_seconds = time.perf_counter() - started

    started = time.perf_counter()
    rows, columns = linear_sum_assignment(matrix, maximize=True)
    solve_seconds = time.perf_counter() - started

    chosen = matrix[rows, columns]
    kept = chosen > 0
    assignment = np.full(header["menteeCount"], -1)
    assignment[rows[kept]] = seat_mentor[columns[kept]]
    print(json.dumps({
        "total": float(chosen[kept].sum()),
        "assigned": int(kept.sum()),
        "buildSeconds": build_seconds,
        "solveSeconds": solve_seconds,
        "assignment": assignment.tolist(),
    }))


if __name__ == "__main__":
    main()
