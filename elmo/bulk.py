"""Making many unsaved model instances quickly, for ``bulk_create``."""


class Builder:
    """Make unsaved instances of ``model`` from field values, quickly.

    ``Builder(PlatformHost)(platform_id=1, organisation_id=2)`` passes every column positionally
    (the other columns get their defaults, computed once): with keywords, modeltranslation
    rewrites each keyword and looks up every default again, which costs more than the insert.
    """

    def __init__(self, model):
        self.model = model
        fields = model._meta.concrete_fields
        self.index = {f.attname: i for i, f in enumerate(fields)}
        self.defaults = [None if f.primary_key else f.get_default() for f in fields]

    def __call__(self, **values):
        row = self.defaults.copy()
        for name, value in values.items():
            row[self.index[name]] = value
        return self.model(*row)
