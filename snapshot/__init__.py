"""A complete, portable snapshot of the registry's content, and its restoration.

- ``registry_export(out, feedback=False)`` writes every region, strategy, priority, service,
  industrial ecosystem, organisation, platform, Vanguard pilot and cluster — every field in
  every language, every link — as one versioned JSON document that refers to other rows by
  their codes and slugs, never by database ids (``export.py``).
- ``registry_import(open_snapshot=…, replace=False)`` checks a whole snapshot, then restores it
  into an empty registry in one transaction and rebuilds the search documents (``restore.py``),
  reading it piece by piece (``reader.py``).

What a snapshot holds is read from the models (``layout.py``); the format is described in
docs/snapshot.md. Users are not content: a snapshot holds no accounts or passwords, and an
entry's editors only by user name.
"""
