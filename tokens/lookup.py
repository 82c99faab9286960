"""The token lookup of every authenticated proxied call, kept cheap.

Compiling the ORM query for "this session's live token" costs more than
running it, so the SQL and the column converters are worked out once per
database and each call only executes and converts one row.
"""

from functools import cache

from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from .models import StoredToken


@cache
def _prepared(alias):
    connection = connections[alias]
    quote = connection.ops.quote_name
    tokens, sessions = quote(StoredToken._meta.db_table), quote(Session._meta.db_table)
    fields = StoredToken._meta.concrete_fields
    columns = ", ".join(f"{tokens}.{quote(field.column)}" for field in fields)
    sql = (
        f"SELECT {columns} FROM {tokens} INNER JOIN {sessions}"
        f" ON {sessions}.{quote('session_key')} = {tokens}.{quote('session_id')}"
        f" WHERE {tokens}.{quote('session_id')} = %s"
        f" AND {sessions}.{quote('expire_date')} > %s"
    )
    converters = []
    for field in fields:
        column = field.get_col(StoredToken._meta.db_table)
        found = connection.ops.get_db_converters(column) + field.get_db_converters(
            connection
        )
        converters.append((column, found))
    return sql, [field.attname for field in fields], converters


def session_token(session_key, alias=DEFAULT_DB_ALIAS):
    """Return the `StoredToken` of a live session, or None."""
    connection = connections[alias]
    sql, names, converters = _prepared(alias)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [session_key, now])
        row = cursor.fetchone()
    if row is None:
        return None
    values = []
    for value, (column, functions) in zip(row, converters):
        for convert in functions:
            value = convert(value, column, connection)
        values.append(value)
    return StoredToken.from_db(alias, names, values)
