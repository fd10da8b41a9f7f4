"""Comparing two texts word by word, for any record whose earlier wording is kept (the notes'
corrections; the report's changes could read it too). No app's models: the low layer."""

from difflib import SequenceMatcher


def word_diff(old: str, new: str) -> list[dict]:
    """The new text in runs of words, each kept, inserted or deleted (op: "kept",
    "inserted", "deleted"; text: the run's words joined by single spaces)."""
    old_words, new_words = old.split(), new.split()
    runs = []
    for op, i1, i2, j1, j2 in SequenceMatcher(
        a=old_words, b=new_words, autojunk=False
    ).get_opcodes():
        if op in ("delete", "replace"):
            runs.append({"op": "deleted", "text": " ".join(old_words[i1:i2])})
        if op in ("insert", "replace"):
            runs.append({"op": "inserted", "text": " ".join(new_words[j1:j2])})
        if op == "equal":
            runs.append({"op": "kept", "text": " ".join(old_words[i1:i2])})
    return runs


def changed_runs(old: str, new: str, *, context: int = 8) -> list[dict]:
    """word_diff with long kept runs shortened to their first and last `context` words
    ("…" between), so a reader sees each change with a few words around it."""
    runs = word_diff(old, new)
    for position, run in enumerate(runs):
        if run["op"] != "kept":
            continue
        words = run["text"].split(" ")
        keep_start = 0 if position == 0 else context
        keep_end = 0 if position == len(runs) - 1 else context
        if len(words) > keep_start + keep_end + 1:
            head = words[:keep_start]
            tail = words[len(words) - keep_end :] if keep_end else []
            run["text"] = " ".join([*head, "…", *tail])
    return runs
