"""The floor of a reading command at scale: parse the file and validate it, nothing else.

    python bench/floor_parse.py FILE

PyYAML's C loader (`yaml.load` with CSafeLoader) and `Worksheet.model_validate`, with the
cyclic garbage collector paused as measurekit pauses it: every reading command must at
least do this much, so bench/scale.py states each command's time as a ratio to it.
"""

import gc
import sys
from pathlib import Path

gc.disable()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import yaml  # noqa: E402

from measurekit.core.model import Worksheet  # noqa: E402

with open(sys.argv[1], encoding="utf-8") as file:
    Worksheet.model_validate(yaml.load(file.read(), Loader=yaml.CSafeLoader))
