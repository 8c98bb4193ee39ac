"""SQL for the search's PostgreSQL objects, run by the platforms and clusters migrations.

On SQLite nothing is created: the simple search needs no index.
"""

CONFIGURATIONS = {"elmo_fi": "finnish", "elmo_sv": "swedish", "elmo_en": "english"}

SETUP = ["CREATE EXTENSION IF NOT EXISTS unaccent", "CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"""
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
        CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base});
        ALTER TEXT SEARCH CONFIGURATION {name}
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem;
      END IF;
    END $$
    """
    for name, base in CONFIGURATIONS.items()
]


def index_sql(table):
    """GIN indexes on a table's search document and its trigram text."""
    create = [
        f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} USING gin (search_document)"
    ]
    create.append(
        f"CREATE INDEX IF NOT EXISTS {table}_search_text_trgm ON {table} "
        "USING gin (search_text gin_trgm_ops)"
    )
    drop = [f"DROP INDEX IF EXISTS {table}_search_gin"]
    drop.append(f"DROP INDEX IF EXISTS {table}_search_text_trgm")
    return create, drop


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run
