"""What every JSON object shares: OParl's `type`, its own URL as `id`, and timestamps."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..links import Link


def link(view_name: str, allow_null: bool = False):
    return Link(view_name=f"api:{view_name}-detail", read_only=True, allow_null=allow_null)


class Typed(serializers.HyperlinkedModelSerializer):
    """Adds OParl's `type` and the timestamps every object carries."""

    type = serializers.SerializerMethodField()
    serializer_related_field = Link

    @extend_schema_field(OpenApiTypes.STR)
    def get_type(self, obj) -> str:
        return self.Meta.type_name


class HasWebPage(Typed):
    """Objects with a page on the site link to it as `web`, so a reader can go from data to page."""

    web = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


STAMPS = ["created", "modified"]
