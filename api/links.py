"""Links between API objects, reversed once per response instead of once per link.

Every object and every reference in the API is a URL; a page of 20 meetings holds hundreds,
and Django's reverse() for each was most of the time of a list request.
"""

from rest_framework import serializers

# A key no record has, reversed in place of the real one and then replaced by it.
PLACEHOLDER = 918273645546372819


class _Key:
    pk = PLACEHOLDER


class OnceReversed:
    def get_url(self, obj, view_name, request, format):
        key = getattr(obj, self.lookup_field, None)
        if key in (None, ""):
            return None
        templates = self.context.setdefault("link_templates", {})
        if (view_name, format) not in templates:
            if self.lookup_field != "pk":
                return super().get_url(obj, view_name, request, format)
            templates[view_name, format] = super().get_url(_Key(), view_name, request, format)
        return templates[view_name, format].replace(str(PLACEHOLDER), str(key), 1)


class Link(OnceReversed, serializers.HyperlinkedRelatedField):
    """A reference to another object, by its URL."""


class SelfLink(OnceReversed, serializers.HyperlinkedIdentityField):
    """The object's own URL, its OParl `id`."""
