"""Render a route table as Markdown, for the documentation of a surface."""

COLUMNS = (
    "method",
    "middle-tier path",
    "WSO2 operation",
    "scope",
    "query parameters passed",
    "body",
)


def markdown_table(table, prefix):
    """Return `table` as a Markdown table, one row per operation under `prefix`."""
    rows = [COLUMNS, ("---",) * len(COLUMNS)]
    for operation in table:
        rows.append(
            (
                operation.method,
                f"`{prefix}{operation.path}`",
                f"`{operation.method} {operation.path}`",
                f"`{operation.scope}`" if operation.scope else "anonymous",
                ", ".join(f"`{name}`" for name in operation.query) or "none",
                f"JSON {operation.body}" if operation.body else "none",
            )
        )
    return "".join(f"| {' | '.join(row)} |\n" for row in rows)
