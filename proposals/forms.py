"""The form a platform fills in through its invitation: the current profile, every field
validated as the admin validates it (the model's ``full_clean``)."""

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from elmo import i18n
from elmo.validators import validate_text
from platforms.models import InnovationPlatform, PlatformService

from .models import COLUMNS, NEW_COLUMNS, OFFER_COLUMNS, offer_key

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
        self.offer_names = self._add_offer_fields()

    def _add_offer_fields(self):
        """A text per language of what a company gets of each service the platform has."""
        names = []
        if self.instance.pk is None:
            return names
        for link in self.instance.platformservice_set.in_order():
            for column in OFFER_COLUMNS:
                model_field = PlatformService._meta.get_field(column)
                name = offer_key(link.service.slug, column)
                self.fields[name] = forms.CharField(
                    label=f"{capfirst(str(link.service))}: {model_field.verbose_name}",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    validators=[validate_text],
                    initial=getattr(link, column),
                )
                names.append(name)
        return names

    def sections(self):
        """``[(title, [bound fields])]`` in the order the page shows them."""
        sections = [(title, [self[name] for name in names]) for title, names in SECTIONS]
        if self.offer_names:
            offers = (_("What a company gets of each service"), [self[n] for n in self.offer_names])
            sections.insert(3, offers)
        return sections

    def proposed(self):
        """The columns of the form and their cleaned values, with the services' offers."""
        names = [*COLUMNS, *self.offer_names]
        return {name: self.cleaned_data.get(name) for name in names}


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
