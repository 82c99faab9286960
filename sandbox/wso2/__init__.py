"""A local, stateful stand-in for WSO2 API Manager 2.x / API Cloud.

The store middle tier talks to WSO2 over HTTP only. This package answers the
same HTTP calls from memory so that the middle tier can be developed and
tested without a WSO2 installation or network access: OAuth2 token, revoke
and dynamic client registration endpoints, every operation of the Store REST
API v0.11 and of the Admin REST API v0.11 (plus the v0.12 additions a store
needs), with WSO2's error shapes, ETags and tenants, and switchable faults.

It is an independent peer of the product: standard library only, no imports
from the product, and the product never imports it.

Start it with ``python -m sandbox.wso2`` (see ``--help``) or in-process::

    from sandbox.wso2 import Settings, StandIn

    with StandIn(Settings(port=0, token_lifetime=30)) as wso2:
        print(wso2.url)

Defaults: ``http://127.0.0.1:9443``; users ``subscriber``/``subscriber-pass``
(role subscriber), ``admin``/``admin-pass`` (roles admin and subscriber) and
``alice@acme.com``/``alice-pass`` (subscriber in tenant ``acme.com``); OAuth
client ``sandbox-client``/``sandbox-secret`` owned by ``admin``.

Configuration file (``--config FILE``), every key optional; a list given
replaces the default list entirely::

    {
      "host": "127.0.0.1",
      "port": 9443,
      "tokenLifetime": 3600,          # seconds an access token lives
      "refreshLifetime": 86400,       # seconds a refresh token lives
      "reuseActiveTokens": true,      # WSO2 hands out the same live token
      "tenants": ["carbon.super", "acme.com"],
      "users": [
        {"username": "bob", "password": "bob-pass",
         "roles": ["subscriber"], "tenant": "carbon.super"}
      ],
      "clients": [
        {"clientId": "my-client", "clientSecret": "my-secret",
         "owner": "bob", "grantTypes": ["password", "refresh_token"]}
      ],
      "latency": 0,                   # seconds added to every answer
      "failStatus": null              # answer every call with this status
    }

Roles map to scopes: ``subscriber`` allows ``apim:subscribe``; ``admin``
allows the six Admin API v0.11 scopes and ``apim:app_owner_change``.
Command-line options win over the file.

Control endpoints for tests (never affected by faults):

* ``GET /_sandbox/health``: 200 ``{"status": "ok"}``.
* ``GET /_sandbox/state``: counters (grants by type, grant errors, live
  tokens, requests per area, applications, faults applied); never a token.
* ``POST /_sandbox/faults`` with JSON ``{"latency": 1.5, "status": 503,
  "refuse": false, "paths": "/api/am/store", "count": 3}`` (all optional, one
  of latency/status/refuse needed): 201 with the rule. ``GET`` lists rules,
  ``DELETE`` clears them.
* ``POST /_sandbox/reset``: back to the seed data, tokens and faults gone.
"""

from .server import StandIn
from .settings import Client, Settings, SettingsError, User, load_settings

__all__ = ["Client", "Settings", "SettingsError", "StandIn", "User", "load_settings"]
