"""Writes the model-output files the CLI tests read: good/ (files a model or NumPy writes)
and bad/ (one mistake each; tests/cli/model_files.rs holds the message each must give).
Run from the repository root: python3 tests/data/model_outputs/make.py (numpy needed).
The files are committed; rerunning gives the same bytes."""

import pathlib

import numpy as np

here = pathlib.Path(__file__).parent
good, bad = here / "good", here / "bad"
good.mkdir(exist_ok=True)
bad.mkdir(exist_ok=True)

# P: exact in float32 and sums to exactly 1. Q: a model's 4-way prediction.
p = np.array([0.5, 0.25, 0.125, 0.125])
q = np.array([0.4, 0.3, 0.2, 0.1])
np.save(good / "p_float32.npy", p.astype(np.float32))
np.save(good / "p_float64_big_endian_1xN.npy", p.astype(">f8")[None, :])
np.save(good / "q_float64_Nx1.npy", q[:, None])
(good / "q_column.csv").write_text("0.4\n0.3\n0.2\n0.1\n")
(good / "q_row.csv").write_bytes(b"\xef\xbb\xbf 0.4, 0.3 ,0.2,0.1\r\n")
# Logits: softmax(p_logits) = P exactly in ratio (ln 4, ln 2, 0, 0 + shift);
# Q's logits include -inf, a probability of 0.
np.save(good / "p_logits_float32.npy", np.log(p).astype(np.float32) + np.float32(3))
(good / "q_logits.csv").write_text("1.5\n0.5\n-0.25\n-inf\n")
(good / "vocab.txt").write_text("cat\ndog\nbird\nfish\n")


def npy_bytes(header: str, data: bytes, version=(1, 0)) -> bytes:
    """A .npy file with a header written by hand (padded as NumPy pads it)."""
    text = header
    while (10 + len(text) + 1) % 64:
        text += " "
    text += "\n"
    return b"\x93NUMPY" + bytes(version) + len(text).to_bytes(2, "little") + text.encode() + data


four = np.array([0.1, 0.2, 0.3, 0.4])
(bad / "not_npy.npy").write_text("0.1\n0.2\n0.3\n0.4\n")
np.save(bad / "int64.npy", np.array([1, 2, 3, 4], dtype=np.int64))
np.save(bad / "float16.npy", four.astype(np.float16))
np.save(bad / "matrix.npy", np.zeros((2, 3)))
np.save(bad / "three_dimensions.npy", np.zeros((1, 1, 4)))
np.save(bad / "no_elements.npy", np.zeros(0))
np.save(bad / "structured.npy", np.zeros(4, dtype=[("p", "<f8")]))
whole = (bad / "int64.npy").read_bytes()
np.save(bad / "truncated.npy", np.zeros(10, dtype=np.float32))
(bad / "truncated.npy").write_bytes((bad / "truncated.npy").read_bytes()[: 128 + 12])
(bad / "header_cut.npy").write_bytes(whole[:30])
(bad / "header_syntax.npy").write_bytes(
    npy_bytes("{'descr': '<f8' 'fortran_order': False, 'shape': (4,)}", four.tobytes())
)
(bad / "version_9.npy").write_bytes(
    npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4,)}", four.tobytes(), (9, 0))
)
np.save(bad / "nan.npy", np.array([0.5, np.nan, 0.25, 0.25]))
# float32 rounding (sums to 1 + 2.2e-8): read, rescaled in float64 and said so.
np.save(bad / "float32_sum.npy", four.astype(np.float32))
# Off by 1e-3, far beyond float32 rounding: refused.
np.save(bad / "float32_far.npy", np.array([0.1, 0.2, 0.3, 0.401]).astype(np.float32))
np.save(bad / "inf_logit.npy", np.array([0.0, np.inf, 1.0, 2.0]))

(bad / "empty.csv").write_text("")
(bad / "not_a_number.csv").write_text("0.1\n0.2\n  0.3x\n0.4\n")
(bad / "nan.csv").write_text("0.1,0.2,nan,0.7\n")
(bad / "row_then_line.csv").write_text("0.1,0.2\n0.3\n0.4\n")
(bad / "comma_in_column.csv").write_text("0.1\n0.2\n0.3,0.4\n")
(bad / "space_separated.csv").write_text("0.1 0.2 0.3 0.4\n")
(bad / "empty_line.csv").write_text("0.1\n\n0.3\n0.6\n")
(bad / "missing_number.csv").write_text("0.1,,0.3,0.6\n")
(bad / "negative.csv").write_text("0.5\n-0.5\n0.5\n0.5\n")
(bad / "binary.csv").write_bytes(b"0.5\n\xff\xfe\n")
(bad / "three_values.csv").write_text("0.5\n0.25\n0.25\n")

(bad / "vocab_empty_line.txt").write_text("cat\ndog\n\nfish\n")
(bad / "vocab_duplicate.txt").write_text("cat\ndog\ncat\nfish\n")
(bad / "vocab_three.txt").write_text("cat\ndog\nbird\n")
