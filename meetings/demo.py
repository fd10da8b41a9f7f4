"""Load the demo board's real records from the TOML files in demo_data/.

Every record is found by its natural key (a person's name, a meeting's date, an item's
number...) and saved only when something differs, so loading twice leaves the database,
its change history included, exactly as it was. The saving itself is in loading.py, shared
with the document importer.
"""

import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction

from .loading import LoadSummary, RecordLoader, _same

__all__ = ["DEMO_DATA_DIR", "DemoLoader", "LoadSummary", "_same"]

DEMO_DATA_DIR = Path(__file__).resolve().parent / "demo_data"


class DemoLoader(RecordLoader):
    def __init__(self, data_dir: Path = DEMO_DATA_DIR) -> None:
        super().__init__()
        self.data_dir = data_dir

    def read(self, name: str) -> dict[str, Any]:
        with open(self.data_dir / name, "rb") as f:
            return tomllib.load(f)

    @transaction.atomic
    def load(self) -> LoadSummary:
        self.board = self.load_board(self.read("board.toml"))
        for path in sorted(self.data_dir.glob("programme-*.toml")):
            self.load_programme(self.read(path.name))
        for path in sorted(self.data_dir.glob("meeting-*.toml")):
            self.load_meeting(self.read(path.name))
        return self.summary
