"""Python's garbage collector, run by the app's servers between requests rather than during
them.

A request leaves a few thousand objects in reference cycles (a form and its bound fields,
models and the caches that point back to them), which only the collector frees. Left to
itself, it collects when 20,000 new objects have piled up (config/wsgi.py), in the middle of
whichever request makes the 20,000th: at scale L about one request in ten, each paying 8 to
12 ms. Collected once the response has gone, the same work costs 0.2 to 3 ms a request, and
no reader waits for it: the clerk's pages' p95 fell by a tenth to a quarter in process, their
p50 unchanged (README, Performance: "Garbage collected between requests").
"""

import gc


def collect_between_requests() -> int:
    """Collect the generations that are due, as Python would at its next allocation: the
    youngest every time, an older one once the younger has been collected its threshold's
    number of times. Returns the generation collected."""
    _, younger_collections, middle_collections = gc.get_count()
    _, middle_threshold, oldest_threshold = gc.get_threshold()
    if middle_collections >= oldest_threshold:
        generation = 2
    elif younger_collections >= middle_threshold:
        generation = 1
    else:
        generation = 0
    gc.collect(generation)
    return generation
