from django import forms
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Feedback, Topic


class FeedbackForm(forms.ModelForm):
    """The feedback form: the topic as radio buttons (no "---------" to choose), and each
    required field's label saying so, as the text above the form promises."""

    required_css_class = "required"

    class Meta:
        model = Feedback
        fields = ["topic", "message", "email"]
        widgets = {
            "topic": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [(value, capfirst(label)) for value, label in Topic.choices]
        for field in self.fields.values():
            if field.required:
                field.label = format_lazy("{} ({})", capfirst(field.label), _("required"))
