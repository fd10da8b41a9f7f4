"""Stored parts of a page (web/caching.py, "Fragments").

{% cache %} is Django's own tag, except that with storing off (a timeout of 0 or less,
PAGE_CACHE_SECONDS=0) the fragment is rendered without asking the store at all. Django's tag
still reads and writes the store with a timeout of 0: the programme's fifty cards were a
hundred calls to the cache, each hashing its key and pickling the card, and a round trip each
to Redis, for nothing that could ever be read back.

{% cache_each %} is {% cache %} inside a loop, with the store read in one go:

    {% cache_each seconds "name" shared vary for activity in activities by activity.pk ... %}
      ...one activity's card...
    {% endcache_each %}

renders the body once per record, each stored under the name, the shared vary values and the
record's own (after "by"), exactly as {% for %} around {% cache %} would. A list's cards are
read with one call to the store (one round trip to Redis, where a loop of {% cache %} made
one a card) and those not found are rendered and written with one more.
"""

from django import template
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.templatetags.cache import CacheNode, do_cache
from django.utils.safestring import mark_safe

register = template.Library()


def _seconds(expression, context):
    """The timeout a tag was given: None for the store's default, 0 or less for storing off."""
    seconds = expression.resolve(context)
    try:
        return None if seconds is None else int(seconds)
    except (TypeError, ValueError):
        message = f"A stored part's timeout is not a number: {seconds!r}"
        raise template.TemplateSyntaxError(message) from None


class FragmentNode(CacheNode):
    def render(self, context):
        seconds = _seconds(self.expire_time_var, context)
        if seconds is not None and seconds <= 0:
            return self.nodelist.render(context)
        return super().render(context)


@register.tag("cache")
def cache(parser, token):
    node = do_cache(parser, token)
    return FragmentNode(
        node.nodelist, node.expire_time_var, node.fragment_name, node.vary_on, node.cache_name
    )


class EachFragmentNode(template.Node):
    def __init__(self, nodelist, seconds, name, shared, loop_var, sequence, own):
        self.nodelist = nodelist
        self.seconds = seconds
        self.name = name
        self.shared = shared
        self.loop_var = loop_var
        self.sequence = sequence
        self.own = own

    def render(self, context):
        seconds = _seconds(self.seconds, context)
        records = list(self.sequence.resolve(context, ignore_failures=True) or [])
        if seconds is not None and seconds <= 0:
            return mark_safe("".join(self._render_one(context, record) for record in records))
        shared = [value.resolve(context) for value in self.shared]
        keys = []
        for record in records:
            with context.push({self.loop_var: record}):
                own = [value.resolve(context) for value in self.own]
            keys.append(make_template_fragment_key(self.name, [*shared, *own]))
        store = caches["default"]
        found = store.get_many(keys)
        made = {}
        for key, record in zip(keys, records, strict=True):
            if key not in found:
                made[key] = found[key] = self._render_one(context, record)
        if made:
            store.set_many(made, seconds)
        return mark_safe("".join(found[key] for key in keys))

    def _render_one(self, context, record):
        with context.push({self.loop_var: record}):
            return self.nodelist.render(context)


@register.tag("cache_each")
def cache_each(parser, token):
    """{% cache_each seconds "name" [shared ...] for record in records by [own ...] %}"""
    bits = token.split_contents()
    try:
        at_for = bits.index("for")
        at_by = bits.index("by")
    except ValueError:
        at_for = at_by = -1
    if at_for < 3 or at_by != at_for + 4 or bits[at_for + 2] != "in" or at_by == len(bits) - 1:
        raise template.TemplateSyntaxError(
            f'{bits[0]} reads: seconds "name" [shared ...] for record in records by own ...'
        )
    nodelist = parser.parse(("endcache_each",))
    parser.delete_first_token()
    return EachFragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        bits[2],  # as {% cache %} has it, quotes and all
        [parser.compile_filter(bit) for bit in bits[3:at_for]],
        bits[at_for + 1],
        parser.compile_filter(bits[at_for + 3]),
        [parser.compile_filter(bit) for bit in bits[at_by + 1 :]],
    )
