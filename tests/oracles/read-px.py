"""Reads a PX file with pyaxis, a reader Hilmo shares no code with, and prints what it
understood as JSON, for the test to compare with the table: python3 read-px.py FILE."""
import contextlib
import json
import sys

from pyaxis import pyaxis

# pyaxis prints progress ("Multilingual PX file") on stdout, which carries the answer here.
with contextlib.redirect_stdout(sys.stderr):
    parsed = pyaxis.parse(uri=sys.argv[1], encoding="utf-8")
frame = parsed["DATA"]
print(json.dumps({
    "metadata": {key: value for key, value in parsed["METADATA"].items()},
    "columns": list(frame.columns),
    "rows": frame.astype(str).values.tolist(),
}, ensure_ascii=False))
