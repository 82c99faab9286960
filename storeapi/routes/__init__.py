"""Route tables of the Store REST API, one per API version."""

from . import v0_11

TABLES = {"0.11": v0_11.ROUTES}
