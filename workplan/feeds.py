"""A board's progress updates as an Atom feed."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from boards.models import Board

from .models import ProgressUpdate

FEED_LENGTH = 50


class ProgressUpdatesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, board_slug):
        return get_object_or_404(Board, slug=board_slug)

    def title(self, board):
        return f"{board.name}: progress on the work programme"

    def link(self, board):
        return board.get_absolute_url()

    def subtitle(self, board):
        return f"Progress updates on the {board.name}'s work programme activities."

    def items(self, board):
        return (
            ProgressUpdate.objects.filter(activity__theme__programme__board=board)
            .select_related(
                "activity__theme__programme__board", "activity__theme__programme__year", "author"
            )
            .order_by("-date", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, update):
        return f"{update.activity.title} – {update.get_status_display()}"

    def item_description(self, update):
        return update.text

    def item_link(self, update):
        return f"{update.activity.get_absolute_url()}#update-{update.pk}"

    def item_guid(self, update):
        return f"progress-update-{update.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, update):
        return str(update.author) if update.author else None

    def item_pubdate(self, update):
        return datetime.datetime.combine(
            update.date, datetime.time(), tzinfo=ZoneInfo("Europe/London")
        )

    def item_updateddate(self, update):
        return update.modified
