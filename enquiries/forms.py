"""The need form and the enquiry form."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clusters.models import Cluster
from elmo import i18n
from elmo.validators import validate_business_id, validate_phone
from platforms.models import InnovationPlatform, Service
from priorities.models import Region
from search.needs import MAX_LENGTH, MIN_LENGTH

from .models import MAX_RECIPIENTS

MAX_MESSAGE = 5000
ENTRY_TYPES = {"platform": InnovationPlatform, "cluster": Cluster}
ENTRY_KEY = re.compile(r"^(platform|cluster):([-a-z0-9_]{1,80})$")
# Line breaks and other control characters: never in a name that may become part of a header.
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def validate_one_line(value):
    if CONTROL.search(value or ""):
        raise ValidationError(
            _("Write this on one line, without line breaks or control characters."),
            code="one_line",
        )


def entry_key(type_name: str, entry) -> str:
    """How a result is named in forms and addresses: ``platform:lumi-supercomputer``."""
    return f"{type_name}:{entry.slug}"


def published_entries(keys) -> dict:
    """``{key: entry}`` of the published platforms and clusters that ``keys`` name, in the
    order given; unknown, malformed and unpublished keys are left out. Two queries."""
    wanted = {}
    for key in dict.fromkeys(keys):
        match = ENTRY_KEY.match(str(key))
        if match:
            wanted.setdefault(match[1], []).append(match[2])
    found = {}
    for type_name, slugs in wanted.items():
        model = ENTRY_TYPES[type_name]
        for entry in model.objects.published().select_related("region").filter(slug__in=slugs):
            found[entry_key(type_name, entry)] = entry
    return {key: found[key] for key in dict.fromkeys(keys) if key in found}


def region_choices():
    return [("", _("Not given"))] + [
        (region.code, region.name) for region in Region.objects.order_by(*i18n.ordering("name"))
    ]


class NeedForm(forms.Form):
    need = forms.CharField(
        label=_("Describe your need"),
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_LENGTH}),
        help_text=_(
            "In your own words, in Finnish, Swedish or English: what you make or develop, what "
            "you need to test, measure or find out, and what kind of partner would help. "
            "10–2 000 characters."
        ),
    )
    region = forms.ChoiceField(
        label=_("Your company's region (optional)"),
        required=False,
        help_text=_("Entries of your region come slightly higher; every region is searched."),
    )
    service = forms.MultipleChoiceField(
        label=_("Kinds of help you want (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices()
        self.fields["service"].choices = [
            (service.slug, service.name) for service in Service.objects.all()
        ]


class EnquiryForm(forms.Form):
    """The enquiry to the chosen results. ``keys`` are the results the company chose (from
    the results page, or the form itself when sent again); they are the choices of
    ``entries``, ticked until the company unticks them."""

    entries = forms.MultipleChoiceField(
        label=_("Recipients"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one platform or cluster.")},
    )
    company_name = forms.CharField(
        label=_("Company"),
        max_length=200,
        validators=[validate_one_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    business_id = forms.CharField(
        label=_("Business ID (optional)"),
        max_length=9,
        required=False,
        validators=[validate_business_id],
        help_text=_("The Finnish business ID (Y-tunnus), e.g. 1572860-0."),
    )
    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=150,
        validators=[validate_one_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a link to this address; the enquiry goes out once you open it."),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    message = forms.CharField(
        label=_("Your enquiry"),
        min_length=MIN_LENGTH,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": MAX_MESSAGE}),
        help_text=_("Sent as plain text to every recipient, with the details above."),
    )
    reply_language = forms.ChoiceField(label=_("Language for replies"), widget=forms.RadioSelect)
    region = forms.ChoiceField(label=_("Your company's region (optional)"), required=False)
    consent = forms.BooleanField(
        error_messages={
            "required": _("The enquiry can be sent only with your consent to the handling.")
        },
    )
    # The honeypot: hidden from people and assistive technology, filled in by form robots.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    need = forms.CharField(required=False, max_length=MAX_LENGTH, widget=forms.HiddenInput)

    def __init__(self, *args, keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.chosen = published_entries(keys)
        self.fields["entries"].choices = [
            (key, f"{entry.name} – {entry.region.name}") for key, entry in self.chosen.items()
        ]
        self.fields["reply_language"].choices = [(code, name) for code, name in settings.LANGUAGES]
        self.fields["region"].choices = region_choices()
        self.fields["consent"].label = format_html(
            '{} <a href="{}">{}</a>',
            _("I agree that my details and my enquiry are handled as the"),
            reverse("privacy"),
            _("privacy notice describes."),
        )

    def clean_entries(self):
        keys = self.cleaned_data["entries"]
        if len(keys) > MAX_RECIPIENTS:
            raise ValidationError(
                ngettext(
                    "Choose at most %(most)d recipients; you chose %(count)d. Untick one.",
                    "Choose at most %(most)d recipients; you chose %(count)d. Untick some.",
                    len(keys) - MAX_RECIPIENTS,
                )
                % {"most": MAX_RECIPIENTS, "count": len(keys)},
                code="too_many",
            )
        return [self.chosen[key] for key in keys]

    @property
    def is_robot(self) -> bool:
        """Whether the honeypot was filled in: a robot, to be told "sent" and ignored."""
        return bool(self.data.get("website"))


MAX_ANSWER = 2000


class AnswerForm(forms.Form):
    """A recipient's answer: by its link, or an officer's on its behalf in the admin."""

    answer = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            ("yes", _("We can help")),
            ("no", _("Not for us")),
            ("forwarded", _("Forward to another e-mail address")),
        ],
    )
    forward_to = forms.EmailField(
        label=_("E-mail address to forward to"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Only when forwarding: the person who can answer gets the enquiry."),
    )
    message = forms.CharField(
        label=_("Message to the company (optional)"),
        required=False,
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_ANSWER}),
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == "forwarded" and not data.get("forward_to"):
            if "forward_to" not in self.errors:
                self.add_error(
                    "forward_to", _("Give the e-mail address to forward the enquiry to.")
                )
        elif data.get("answer") != "forwarded":
            data["forward_to"] = ""
        return data
