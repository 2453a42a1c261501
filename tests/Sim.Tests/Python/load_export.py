"""Loads a world exported with `sim export --format reference` the way the course simulator does, and reports what it found.

Usage: load_export.py EXPORT_DIR RAW_OUT
  - tracks.npy through np.load (as sim/sim/envs/track.py, TrackCatalog.__init__); its values are written to RAW_OUT as
    C-ordered little-endian float32 bytes, for the test to compare with the world's embeddings;
  - tracks.json through pandas.read_json(lines=True), sorted by track, ids checked against arange (track.py, the assert);
  - users.json line by line through json.loads, the type of every key (user.py, UserCatalog.__init__).
Prints one JSON object.
"""
import json
import sys

import numpy as np
import pandas as pd

export, raw_out = sys.argv[1], sys.argv[2]
embeddings = np.load(f"{export}/tracks.npy")
np.ascontiguousarray(embeddings, dtype="<f4").tofile(raw_out)
meta = pd.read_json(f"{export}/tracks.json", lines=True).sort_values("track")
key_types = {}
users = 0
with open(f"{export}/users.json") as users_file:
    for line in users_file:
        user = json.loads(line)
        users += 1
        for key, value in user.items():
            kind = type(value).__name__
            if isinstance(value, list):
                kind = "list[" + ",".join(sorted({type(v).__name__ for v in value})) + "]"
            key_types.setdefault(key, set()).add(kind)
print(json.dumps({
    "dtype": str(embeddings.dtype),
    "shape": list(embeddings.shape),
    "c_contiguous": bool(embeddings.flags["C_CONTIGUOUS"]),
    "track_ids_are_arange": bool(np.array_equal(meta["track"].values, np.arange(embeddings.shape[0]))),
    "artists": int(meta["artist"].nunique()),
    "users": users,
    "key_types": {key: sorted(kinds) for key, kinds in key_types.items()},
}))
