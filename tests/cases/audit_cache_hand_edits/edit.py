"""Edits a file in place the way a hand edit that hides would: <old> becomes
<new> (same length), then the file's access and modification times are put
back, so only its ctime tells the change."""

import os
import sys

path, old, new = sys.argv[1:]
if len(old) != len(new):
    sys.exit(f"edit.py: '{old}' and '{new}' differ in length")
status = os.stat(path)
with open(path, encoding="utf-8") as file:
    text = file.read()
if text.count(old) < 1:
    sys.exit(f"edit.py: '{old}' is not in {path}")
with open(path, "w", encoding="utf-8") as file:
    file.write(text.replace(old, new, 1))
os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
after = os.stat(path)
if (after.st_size, after.st_mtime_ns) != (status.st_size, status.st_mtime_ns):
    sys.exit("edit.py: size or mtime changed")
print(f"edit.py: edited {path}, size and mtime kept")
