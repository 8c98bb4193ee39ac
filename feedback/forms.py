from django import forms

from .models import Feedback


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["topic", "message", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}
