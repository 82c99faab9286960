"""One worker process of the refresh race in test_refresh_postgres.

`python -m tests.core.refresh_worker prepare N` migrates the database that
DATABASE_URL names and stores N sessions whose access tokens have expired; it
prints their keys. `python -m tests.core.refresh_worker refresh KEY` reads
that session's tokens as a request would, prints "ready", waits for a line on
stdin, then asks the product for a usable access token and prints the outcome
as JSON. Settings come from the environment, as in a gunicorn worker.
"""

import json
import sys

import django


def prepare(count):
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from tokens.models import StoredToken
    from wso2.oauth import Grant

    call_command("migrate", verbosity=0)
    for _ in range(int(count)):
        session = SessionStore()
        session.create()
        row = StoredToken(
            kind=StoredToken.Kind.SUBSCRIBER, session_id=session.session_key
        )
        row.take(Grant("access-1", "refresh-1", ("apim:subscribe",), expires_in=-60))
        row.save()
        print(session.session_key)


def refresh(session_key):
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    from core.errors import ApiError
    from tokens.handles import SubscriberTokens

    request = RequestFactory().get("/store/applications")
    request.session = SessionStore(session_key)
    tokens = SubscriberTokens.for_request(request)
    print("ready", flush=True)

    sys.stdin.readline()
    try:
        outcome = {"access_token": tokens.access_token()}
    except ApiError as exc:
        outcome = {"error": exc.code}
    print(json.dumps(outcome), flush=True)


if __name__ == "__main__":
    django.setup()
    command, *arguments = sys.argv[1:]
    {"prepare": prepare, "refresh": refresh}[command](*arguments)
