from django.contrib import admin

from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created", "topic", "language", "email", "handled", "page")
    list_filter = ("handled", "topic", "language")
    list_editable = ("handled",)
    search_fields = ("message", "email")
    readonly_fields = ("topic", "message", "email", "page", "language", "created")
    date_hierarchy = "created"
