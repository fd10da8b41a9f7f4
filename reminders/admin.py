from django.contrib import admin

from .models import PersonalFeed, Reminder, ReminderOptOut


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["subject", "user", "kind", "created", "sent_at", "attempts", "last_error"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "user__username", "user__email"]
    readonly_fields = ["created"]


@admin.register(ReminderOptOut)
class ReminderOptOutAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "created"]
    list_filter = ["kind"]


@admin.register(PersonalFeed)
class PersonalFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created"]
    exclude = ["token"]  # a secret: the owner resets it from their actions page
