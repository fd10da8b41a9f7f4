"""{% cache %} as Django writes it, except that with storing off (a timeout of 0 or less,
PAGE_CACHE_SECONDS=0) the fragment is rendered without asking the store at all.

Django's own tag still reads and writes the store with a timeout of 0: the programme's fifty
cards were a hundred calls to the cache, each hashing its key and pickling the card, and a
round trip each to Redis, for nothing that could ever be read back."""

from django import template
from django.templatetags.cache import CacheNode, do_cache

register = template.Library()


class FragmentNode(CacheNode):
    def render(self, context):
        try:
            storing_off = int(self.expire_time_var.resolve(context)) <= 0
        except (TypeError, ValueError):
            storing_off = False  # None is the store's default timeout; Django's tag says why else
        if storing_off:
            return self.nodelist.render(context)
        return super().render(context)


@register.tag("cache")
def cache(parser, token):
    node = do_cache(parser, token)
    return FragmentNode(
        node.nodelist, node.expire_time_var, node.fragment_name, node.vary_on, node.cache_name
    )
