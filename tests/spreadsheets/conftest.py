"""Officers, files and admin addresses for the spreadsheet tests."""

import csv
import io
import tempfile

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts import roles

LAPPI, KAINUU = "19", "18"


@pytest.fixture(autouse=True)
def english():
    """The import's messages in English, as these tests read them, whatever language an
    earlier test in the same process left active (a request to /fi/… activates Finnish)."""
    with translation.override("en"):
        yield


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def csv_bytes(rows, *, delimiter=",", encoding="utf-8"):
    """A CSV file of ``rows`` (the first holds the column names)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def read_csv(content):
    """The rows of an exported CSV file as dictionaries."""
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def signed_in(client, user, language="en"):
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


@pytest.fixture(autouse=True)
def _english():
    """The import's messages are read in English: a test that calls the import without a
    request gets the language it names, not whatever an earlier request left active."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def uploads_in_tmp_path(tmp_path, monkeypatch):
    """The admin keeps an uploaded file between the preview and the confirmation in the
    temporary folder; the tests' files go to pytest's, not to /tmp."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.fixture
def officer(db, django_user_model):
    """The regional officer of Lapland (19)."""
    call_command("create_officer", "lappi", "--region", LAPPI, stdout=io.StringIO())
    return django_user_model.objects.get(username="lappi")


@pytest.fixture
def coordinator(db, django_user_model):
    user = django_user_model.objects.create_user("koordinaattori", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    return user


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user("editori", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    return user


FORMAT = {"csv": "0", "xlsx": "1"}


def upload(client, model, content, *, file_format="csv"):
    """Post a file to the admin's import page of ``model``: the preview or the problems."""
    file = SimpleUploadedFile(f"entries.{file_format}", content)
    return client.post(
        admin_url(model, "import"),
        {"resource": "0", "format": FORMAT[file_format], "import_file": file},
    )


def confirm(client, model, preview):
    """Confirm the import previewed on the page ``preview``, as its button does."""
    form = preview.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(admin_url(model, "process_import"), data, follow=True)


def export(client, model, *, file_format="csv", query=""):
    """The file the admin's export page gives for ``model`` (with the list's filters)."""
    response = client.post(admin_url(model, "export") + query, {"format": FORMAT[file_format]})
    assert response.status_code == 200, response.content[:500]
    return response
