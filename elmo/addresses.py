"""The addresses of the public pages of many objects at once."""

PLACEHOLDER = "page-address-slug"


def page_address(model):
    """``page_address(InnovationPlatform)("lumi")`` is the ``get_absolute_url()`` of the platform
    ``lumi`` in the active language, reversed once for a list of thousands rather than once per
    object. The model's address must depend on its slug alone."""
    prefix, suffix = model(slug=PLACEHOLDER).get_absolute_url().split(PLACEHOLDER)
    return lambda slug: f"{prefix}{slug}{suffix}"
