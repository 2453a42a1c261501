"""Writes .npy files with NumPy itself, for the test of the simulator's .npy reader: the kinds it must read, and the kinds
it must refuse with a clear message.

Usage: write_npy_variants.py OUT_DIR
The matrix is 5 x 3, value (r, c) = r * 10 + c + 0.25.
"""
import sys

import numpy as np

out = sys.argv[1]
matrix = (np.arange(5)[:, None] * 10 + np.arange(3)[None, :] + 0.25).astype(np.float32)
np.save(f"{out}/c_order.npy", matrix)
np.save(f"{out}/fortran_order.npy", np.asfortranarray(matrix))
with open(f"{out}/version_2.npy", "wb") as f:
    np.lib.format.write_array(f, matrix, version=(2, 0))
with open(f"{out}/version_3.npy", "wb") as f:
    np.lib.format.write_array(f, matrix, version=(3, 0))
np.save(f"{out}/float64.npy", matrix.astype(np.float64))
np.save(f"{out}/big_endian.npy", matrix.astype(">f4"))
np.save(f"{out}/int32.npy", matrix.astype(np.int32))
np.save(f"{out}/one_d.npy", matrix.reshape(-1))
np.save(f"{out}/three_d.npy", matrix.reshape(5, 3, 1))
with_nan = matrix.copy()
with_nan[3, 1] = np.nan
np.save(f"{out}/nan.npy", with_nan)
with open(f"{out}/truncated.npy", "wb") as f:
    f.write(open(f"{out}/c_order.npy", "rb").read()[:-4])
print("ok")
