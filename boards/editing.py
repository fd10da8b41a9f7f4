"""One way to save an edit without overwriting someone else's (see VersionedModel).

An edit form's save_or_conflict() saves, or returns the Conflict: what was saved meanwhile,
with the form itself now based on that version, so that saving again is a deliberate choice
to replace it. The web layer's render_edit_page() (web/editing.py) shows the form, and a
conflict with status 409.
"""

from dataclasses import dataclass

from .history import Change


@dataclass
class Conflict:
    """Someone else saved the record after the edit started; changes says what they changed."""

    changes: list[Change]
