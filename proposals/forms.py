"""The form a platform fills in through its invitation: the current profile, every field
validated as the admin validates it (the model's ``full_clean``)."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from elmo import i18n
from platforms.models import InnovationPlatform

from .models import COLUMNS, NEW_COLUMNS

SECTIONS = (
    (_("Description"), (*i18n.columns("summary", "description"), "website")),
    (
        _("Contact"),
        (
            "contact_name",
            *i18n.columns("contact_role"),
            "contact_email",
            "contact_phone",
            "general_email",
            "booking_url",
        ),
    ),
    (_("What a company gets"), i18n.columns("offer", "equipment", "access_terms")),
    (
        _("Readiness and terms"),
        (
            "trl_min",
            "trl_max",
            "access_model",
            *i18n.columns("pricing_note", "lead_time"),
            "user_groups",
            *i18n.columns("country_restriction"),
        ),
    ),
    (_("Where and when"), ("delivery", "months", "service_languages")),
    (
        _("Address and identifiers"),
        ("street_address", "postal_code", *i18n.columns("town"), "research_fi_urn"),
    ),
)


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"  # as the admin takes them
    return db_field.formfield(**kwargs)


class UpdateForm(forms.ModelForm):
    """``UpdateForm(data, instance=platform)``: the instance is a copy read for the form and is
    never saved; what changed becomes a proposal (``proposals.services.proposal_submit``)."""

    proposer_name = forms.CharField(label=_("Your name"), max_length=150)
    proposer_email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("We send the officer's answer here."),
    )
    # A field people never see; a program filling in every field fills it too.
    website_check = forms.CharField(required=False, label=_("Leave this empty"))

    class Meta:
        model = InnovationPlatform
        fields = COLUMNS
        formfield_callback = _formfield

    # Texts an entry cannot be without, in the default language.
    REQUIRED = (i18n.column("summary", i18n.DEFAULT),)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.REQUIRED:
            self.fields[name].required = True

    def sections(self):
        """``[(title, [bound fields])]`` in the order the page shows them."""
        return [(title, [self[name] for name in names]) for title, names in SECTIONS]

    def proposed(self):
        """The columns of the form and their cleaned values."""
        return {column: self.cleaned_data.get(column) for column in COLUMNS}


class NewPlatformForm(UpdateForm):
    """A new platform proposed from the public site: the update form's fields, and the name,
    type and primary region a new entry needs."""

    REQUIRED = (i18n.column("name", i18n.DEFAULT), *UpdateForm.REQUIRED)

    class Meta(UpdateForm.Meta):
        fields = NEW_COLUMNS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.order_by(
            *i18n.ordering("name")
        )

    def sections(self):
        first = (_("The platform"), [self[name] for name in NEW_COLUMNS[:5]])
        return [first, *super().sections()]

    def proposed(self):
        values = {column: self.cleaned_data.get(column) for column in NEW_COLUMNS}
        values["region"] = values["region"].code if values.get("region") else None
        return values
