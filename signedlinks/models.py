"""What is stored of signed links: that a single-use one has been used."""

from django.db import models


class UsedLink(models.Model):
    """A single-use link's purpose and value, hashed, once it has done what it was for. Holds
    no personal data and nothing from which the token could be made again."""

    digest = models.CharField(max_length=64, primary_key=True)
    used = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "used link"

    def __str__(self):
        return self.digest
