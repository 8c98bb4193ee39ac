"""The data of an admin change page's form as a browser would post it: the fields with their
values, and each inline's management form and rows."""


def _plain(value):
    if value is None:
        return ""
    if hasattr(value, "all"):
        return [obj.pk for obj in value.all()]
    if isinstance(value, list | tuple):
        return [getattr(item, "pk", item) for item in value]
    return getattr(value, "pk", value)


def page_form_data(response, **overrides):
    """``client.post(url, page_form_data(client.get(url), name_en="…"))``: what the page shows,
    with ``overrides``. An inline's rows are posted as shown, its empty extra rows left out."""
    form = response.context["adminform"].form
    data = {
        name: _plain(form.initial.get(name, field.initial)) for name, field in form.fields.items()
    }
    # A version's page in the history has the entry's fields only.
    inlines = response.context.get("inline_admin_formsets", [])
    for inline in inlines:
        formset = inline.formset
        rows = formset.initial_forms
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{formset.prefix}-INITIAL_FORMS"] = len(rows)
        for row in rows:
            for name in row.fields:
                data[row.add_prefix(name)] = _plain(row[name].value())
    data.update(overrides)
    return data


def no_inline_rows(prefix="platformservice_set"):
    """The management form of an inline posted without rows (a new entry's)."""
    return {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
