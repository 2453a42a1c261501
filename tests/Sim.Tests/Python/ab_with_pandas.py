"""The A/B analysis of SIM_AND_AB.md written with pandas, over a log folder in the reference service's layout
(one folder per container, data.json and its rotated data.json.N), read with pandas.read_json(lines=True).

Usage: ab_with_pandas.py LOG_DIR EXPERIMENT
Prints a JSON list: per treatment and metric the control and treatment means, the effect in %, the standard error
sqrt(var_C/n_C + var_T/n_T) and the Welch-Satterthwaite degrees of freedom (the t quantile is the test's to apply).
"""
import glob
import json
import sys

import numpy as np
import pandas as pd

folder, experiment = sys.argv[1], sys.argv[2]
paths = glob.glob(f"{folder}/*/data.json") + glob.glob(f"{folder}/*/data.json.*")
data = pd.concat([pd.read_json(path, lines=True) for path in paths], ignore_index=True)
data["treatment"] = data["experiments"].map(lambda arms: arms[experiment])

# Sessions per (user, arm) in timestamp order; a "last" line closes one; unclosed sessions are left out.
data = data.sort_values(["user", "treatment", "timestamp"], kind="stable").reset_index(drop=True)
is_last = (data["message"] == "last").astype(int)
data["session"] = is_last.groupby([data["user"], data["treatment"]]).cumsum() - is_last
data["closed"] = is_last.groupby([data["user"], data["treatment"], data["session"]]).transform("max")
data = data[data["closed"] == 1]
sessions = data.groupby(["user", "treatment", "session"]).agg(
    tracks=("track", "size"), time=("time", "sum"), latency=("latency", "sum")).reset_index()

users = sessions.groupby(["user", "treatment"]).agg(
    sessions=("session", "size"), tracks=("tracks", "sum"), time=("time", "sum"), latency=("latency", "sum")).reset_index()
users["mean_request_latency"] = users["latency"] * 1000 / users["tracks"]
users["mean_tracks_per_session"] = users["tracks"] / users["sessions"]
users["mean_time_per_session"] = users["time"] / users["sessions"]
metrics = ["time", "sessions", "mean_request_latency", "mean_tracks_per_session", "mean_time_per_session"]

rows = []
control = users[users["treatment"] == "C"]
for treatment, arm in users[users["treatment"] != "C"].groupby("treatment"):
    for metric in metrics:
        n_c, n_t = len(control), len(arm)
        m_c, m_t = control[metric].mean(), arm[metric].mean()
        v_c, v_t = control[metric].var(ddof=1), arm[metric].var(ddof=1)
        se2 = v_c / n_c + v_t / n_t
        dof = se2 * se2 / ((v_c / n_c) ** 2 / (n_c - 1) + (v_t / n_t) ** 2 / (n_t - 1))
        rows.append({
            "treatment": treatment, "metric": metric, "control_mean": m_c, "treatment_mean": m_t,
            "effect": (m_t - m_c) / m_c * 100, "standard_error": float(np.sqrt(se2)), "dof": dof,
            "control_users": n_c, "treatment_users": n_t,
        })
print(json.dumps({"files": len(paths), "events": int(len(data)), "rows": rows}))
