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


def rank_index_sql(table):
    """A RUM index that returns the best matches already in rank order (``search_document <=>
    query``), so a broad query does not rank every match. Created only where PostgreSQL has the
    ``rum`` extension (Debian ``postgresql-15-rum``) and the migrating role may create it; the
    search works without it, ranking with ``ts_rank`` after the GIN index found the matches.
    """
    name = f"{table}_search_rum"
    create = f"""
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
        CREATE EXTENSION IF NOT EXISTS rum;
        CREATE INDEX IF NOT EXISTS {name} ON {table} USING rum (search_document rum_tsvector_ops);
      END IF;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'No rank-ordered search index on {table}: %%', SQLERRM;
    END $$
    """
    return [create], [f"DROP INDEX IF EXISTS {name}"]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run
