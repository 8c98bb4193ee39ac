"""The base of every model admin of the registry."""

from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db import models
from modeltranslation.admin import TabbedTranslationAdmin


class RegistryAdmin(TabbedTranslationAdmin):
    """Base admin: fi/sv/en tabs for translated fields, and link tables edited like plain lists.

    The registry's many-to-many relations use explicit link tables so that a linked
    organisation, region, priority or service cannot be deleted while in use. Those tables hold
    nothing but the two foreign keys, so the admin edits them as ordinary multi-selects
    (Django's own admin hides such fields, hence the override and the silenced admin.E013).
    """

    list_per_page = 50
    show_full_result_count = False
    # Page titles as sentences, e.g. _("Change innovation platform"): Django's "Change %s"
    # reads "Muokkaa innovaatioalusta" in Finnish, where the object needs its own case
    # ("Muokkaa innovaatioalustaa"). None keeps Django's.
    add_title = None
    change_title = None

    # Every admin page loads these: the fi/sv/en tabs say which languages are filled.
    class Media:
        js = ("js/admin-languages.js",)

    # Addresses typed without a scheme are taken as https (Django 6 default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        response = super().render_change_form(request, context, add, change, form_url, obj)
        title = self.add_title if add else self.change_title
        # A page the user may only view keeps Django's "View …".
        if title and (add or response.context_data.get("has_change_permission")):
            response.context_data["title"] = title
        return response

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.remote_field.through._meta.auto_created:
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        using = kwargs.get("using")
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", AutocompleteSelectMultiple(db_field, self.admin_site, using=using)
            )
        if "queryset" not in kwargs:
            queryset = self.get_field_queryset(using, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return db_field.formfield(**kwargs)
