import uuid

from django.db import models


class ContentVersion(models.Model):
    """One row whose token changes with every change of the registry's content.

    Cached pages and API answers are stored under the token (``elmo.cache``): after an officer
    publishes, the next request reads the new token and nothing cached before is served. The
    token is in the database, so every application server sees the change at once, whatever
    its cache, and a restored database brings back its own token.
    """

    token = models.UUIDField(default=uuid.uuid4)
    changed = models.DateTimeField(auto_now=True)

    def __str__(self):
        return str(self.token)
