"""Model fields of the registry's own kinds."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """Several values out of ``item_choices``, stored as a JSON list in the choices' order and
    without repeats; an empty list means "not known". Edited as checkboxes; it works alike on
    PostgreSQL and SQLite.

    ``months = ChoiceListField(_("months"), item_choices=[(1, _("January")), …])``
    """

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    @property
    def values(self):
        return [value for value, _label in self.item_choices]

    def _known(self, item):
        """``item`` as the stored value it stands for ("3" → 3), or None."""
        for value in self.values:
            if item == value or str(item) == str(value):
                return value
        return None

    def to_python(self, value):
        value = super().to_python(value)
        if value in (None, ""):
            return []
        if not isinstance(value, list | tuple | set):
            raise ValidationError(_("Give a list of values."), code="invalid_list")
        known = {self._known(item) for item in value}
        unknown = [item for item in value if self._known(item) is None]
        if unknown:
            raise ValidationError(
                _("“%(value)s” is not one of the available choices."),
                code="invalid_choice",
                params={"value": str(unknown[0])[:40]},
            )
        return [item for item in self.values if item in known]

    def validate(self, value, model_instance):
        # The values were checked by ``to_python``; JSONField's own check is of the encoding.
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def labels(self, value):
        """The labels of the stored ``value``, in order."""
        names = dict(self.item_choices)
        return [names[item] for item in value or [] if item in names]

    def formfield(self, **kwargs):
        coerce = type(self.values[0]) if self.values else str
        return forms.TypedMultipleChoiceField(
            label=kwargs.get("label", self.verbose_name),
            help_text=self.help_text,
            required=not self.blank,
            choices=self.item_choices,
            coerce=coerce,
            widget=forms.CheckboxSelectMultiple,
        )
