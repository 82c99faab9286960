"""Route tables of the Admin REST API, one per API version."""

from . import v0_11, v0_12

TABLES = {"0.11": v0_11.ROUTES, "0.12": v0_12.ROUTES}
