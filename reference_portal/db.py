"""One engine and one scoped session per application; the session is removed when the app context ends."""

from __future__ import annotations

from flask import Flask, current_app
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from reference_portal.models import Base

_EXTENSION_KEY = "reference_portal.db"


def init_app(app: Flask) -> None:
    url = app.config["DATABASE_URL"]
    options: dict = {}
    if url.startswith("sqlite"):
        # Threads share the file; each waits (up to 30 s) for another's write to finish.
        options["connect_args"] = {"check_same_thread": False, "timeout": 30}
    engine = create_engine(url, **options)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    factory = scoped_session(sessionmaker(bind=engine, expire_on_commit=False))
    app.extensions[_EXTENSION_KEY] = (engine, factory)
    check_schema(engine)
    Base.metadata.create_all(engine)

    @app.teardown_appcontext
    def remove_session(exc: BaseException | None) -> None:
        factory.remove()


def _sqlite_pragmas(dbapi_connection, connection_record) -> None:  # noqa: ANN001 (DB-API objects)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
    # SQLite's own lower() (and so ILIKE) folds ASCII only: « Émile » would not match « émile ». Unicode folding
    # here makes case-insensitive comparisons behave as they do on PostgreSQL.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def engine() -> Engine:
    return current_app.extensions[_EXTENSION_KEY][0]


def session() -> Session:
    return current_app.extensions[_EXTENSION_KEY][1]()


class SchemaOutOfDate(RuntimeError):
    """The database was made by another version of the portal: start on a new one (there are no
    migrations yet), rather than failing on the first request that reads a missing column."""


def check_schema(engine) -> None:
    """Refuses a database the portal did not make as this version would: a column or table missing (an index
    added later would start empty), a unique index missing (duplicates may already be there), or a column this
    version no longer writes (it may refuse inserts)."""
    from sqlalchemy import inspect

    inspector = inspect(engine)
    present = set(inspector.get_table_names())
    if not present & set(Base.metadata.tables):
        return  # a new database: create_all makes every table
    differences = []
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            differences.append(f"missing: {table.name}")
            continue
        found = {c["name"] for c in inspector.get_columns(table.name)}
        expected = {column.name for column in table.columns}
        differences += [f"missing: {table.name}.{name}" for name in sorted(expected - found)]
        differences += [f"no longer used: {table.name}.{name}" for name in sorted(found - expected)]
        # A uniqueness this version relies on (one entry per section, one user code whatever its case).
        unique = _unique_index_names(engine, table.name)
        differences += [
            f"missing: unique index {index.name}"
            for index in sorted(table.indexes, key=lambda index: str(index.name))
            if index.unique and index.name not in unique
        ]
    if differences:
        raise SchemaOutOfDate(
            f"the database at {engine.url.render_as_string(hide_password=True)} was made by another version of "
            f"the portal ({'; '.join(differences[:5])}); use a new database file or URL"
        )


def _unique_index_names(engine, table: str) -> set[str]:  # noqa: ANN001
    """Asked of the database itself: SQLAlchemy's reflection skips indexes on an expression (lower(...))."""
    from sqlalchemy import text

    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.execute(text(f'PRAGMA index_list("{table}")')).mappings()
            return {row["name"] for row in rows if row["unique"]}
        rows = connection.execute(
            text("SELECT indexname, indexdef FROM pg_indexes "
                 "WHERE tablename = :table AND schemaname = current_schema()"),
            {"table": table},
        )
        return {name for name, definition in rows if definition.upper().startswith("CREATE UNIQUE")}
