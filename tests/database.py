"""Print the database URL the test suite should use.

DATABASE_URL when set; otherwise the local PostgreSQL on 127.0.0.1:5432 when it answers;
otherwise SQLite, with a notice on stderr of what that leaves untested.
"""

import os
import sys

import psycopg2

LOCAL_POSTGRESQL = "postgres://postgres@127.0.0.1:5432/elmo"


def main():
    if os.environ.get("DATABASE_URL"):
        print(os.environ["DATABASE_URL"])
        return
    try:
        psycopg2.connect(
            host="127.0.0.1", port=5432, user="postgres", dbname="postgres", connect_timeout=3
        ).close()
    except psycopg2.OperationalError as error:
        print(
            "NOTICE: PostgreSQL is not reachable on 127.0.0.1:5432 "
            f"({str(error).strip()}); the tests run on SQLite, so PostgreSQL-only behaviour "
            "(accent-insensitive matching, database constraints as PostgreSQL enforces them) "
            "is not covered.",
            file=sys.stderr,
        )
        print("sqlite:///test-db.sqlite3")
        return
    print(LOCAL_POSTGRESQL)


if __name__ == "__main__":
    main()
