"""Suggest which work programme activities an agenda item reported on.

An activity scores one point for each distinct meaningful word it shares (in its title,
description or theme) with the item's title, notes and paper. The clerk confirms; a
suggestion never links by itself.
"""

import re

STOP_WORDS = set(
    """a about above after again against all also an and any are as at be because been before
    being between both but by can could did do does doing during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me more most
    my no nor not now of off on once only or other our ours out over own same she should so some
    such than that the their theirs them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your
    board boards members member officers officer council councils local government lga work
    update paper report item items including new support issues noted note meeting""".split()
)
MINIMUM_SCORE = 2
MAX_SUGGESTIONS = 5


def words(text: str) -> set[str]:
    found = set()
    for word in re.findall(r"[a-z][a-z'-]+", (text or "").lower()):
        word = word.strip("'-")
        if len(word) > 2 and word not in STOP_WORDS:
            found.add(_stem(word))
    return found


def _stem(word: str) -> str:
    # Plurals and -ing forms only: enough to match "duties" with "duty", "lobbying" with "lobby".
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + replacement
    return word


# Every item form of a year reads the same activities: their words are worked out once per
# process and change of the activity, not on every page. Keys are small; cleared when full.
_ACTIVITY_WORDS: dict[tuple, frozenset[str]] = {}


def activity_words(activity) -> frozenset[str]:
    """An activity's words: `activity` is anything with its pk, modified, title, description
    and theme_title, such as a row the item form read."""
    key = (activity.pk, activity.modified, activity.theme_title)
    found = _ACTIVITY_WORDS.get(key)
    if found is None:
        if len(_ACTIVITY_WORDS) >= 4096:
            _ACTIVITY_WORDS.clear()
        found = frozenset(words(f"{activity.title} {activity.description} {activity.theme_title}"))
        _ACTIVITY_WORDS[key] = found
    return found


def item_words(item) -> set[str]:
    paper = getattr(item, "paper", None)
    texts = [item.title, item.introduction, item.discussion_points]
    if paper is not None:
        texts += [paper.title, paper.summary, paper.recommendation]
    return words(" ".join(texts))


def suggest_activities(item, activities: list) -> list[tuple[object, int]]:
    """The best-matching activities, best first, with their scores."""
    wanted = item_words(item)
    scored = []
    for activity in activities:
        score = len(wanted & activity_words(activity))
        if score >= MINIMUM_SCORE:
            scored.append((activity, score))
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:MAX_SUGGESTIONS]
