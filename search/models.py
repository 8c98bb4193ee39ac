"""The search's own table: the words of names and keywords, for near misses (typos)."""

from django.db import models


class SearchWord(models.Model):
    """A word that occurs in a name or keyword of an entry, in any language.

    A query word that finds nothing is compared with these words (trigram similarity, which an
    index serves); the closest ones are searched instead. Comparing with this short list, not
    with the text of every entry, keeps the cost of a query with no match independent of the
    number of entries. Words are added as entries are indexed and pruned by a full rebuild, so
    a word may outlive the entries that had it: searching it then simply finds nothing.
    """

    word = models.CharField(max_length=100, primary_key=True)

    class Meta:
        verbose_name = "search word"

    def __str__(self):
        return self.word
