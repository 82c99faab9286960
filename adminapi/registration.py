"""WSO2 Dynamic Client Registration of the middle tier's own OAuth client.

Done once, by an operator, with an admin's credentials: WSO2 answers with the
client id and secret that every later token request of the middle tier uses.
"""

from dataclasses import dataclass, field

from wso2.client import get_client
from wso2.conf import conf
from wso2.errors import UpstreamError

GRANT_TYPES = "password refresh_token"

# What each refusal usually means, for an operator reading the command's output.
_REFUSALS = {
    400: "WSO2 found the registration request invalid",
    401: "WSO2 did not accept the username or password",
    403: "the user may not register OAuth clients at WSO2",
}


class RegistrationFailed(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Registration:
    client_id: str
    client_secret: str = field(repr=False)
    client_name: str


def register(*, username, password, client_name, callback_url):
    """Register a client of `username` at WSO2_DCR_URL; raise `RegistrationFailed`.

    The message of a failure never holds the password, even if WSO2 echoes it.
    """
    try:
        response = get_client().request(
            "POST",
            conf.dcr_url,
            auth=(username, password),
            headers={"Accept": "application/json"},
            json={
                "clientName": client_name,
                "owner": username,
                "grantType": GRANT_TYPES,
                "saasApp": True,
                "callbackUrl": callback_url,
                "tokenScope": "Production",
            },
        )
        return _registration_from(response, client_name)
    except (UpstreamError, RegistrationFailed) as exc:
        raise RegistrationFailed(_without(password, exc.message)) from None


def _without(secret, message):
    return message.replace(secret, "********") if secret else message


def _registration_from(response, client_name):
    body = _json_object(response)
    if response.status_code not in (200, 201):
        raise RegistrationFailed(_refusal(response.status_code, body))
    if body is None:
        content_type = response.headers.get("Content-Type", "no content type")
        raise RegistrationFailed(
            f"WSO2 answered {response.status_code} with {content_type}, not JSON: "
            "is WSO2_DCR_URL the registration endpoint?"
        )

    client_id, client_secret = body.get("clientId"), body.get("clientSecret")
    if not (isinstance(client_id, str) and isinstance(client_secret, str)):
        raise RegistrationFailed(
            f"WSO2 answered {response.status_code} without a client id and secret."
        )
    return Registration(client_id, client_secret, body.get("clientName") or client_name)


def _refusal(status, body):
    """Return a sentence with what the status means and WSO2's own message."""
    meaning = _REFUSALS.get(status, "WSO2 failed to register the client")
    detail = _error_message(body or {})
    return f"{meaning} ({status}): {detail}" if detail else f"{meaning} ({status})."


def _error_message(body):
    """Return WSO2's message from any of its error shapes (DCR, OAuth, REST)."""
    parts = [
        body.get(key)
        for key in ("message", "description", "error", "error_description")
        if isinstance(body.get(key), str) and body.get(key).strip()
    ]
    return " - ".join(dict.fromkeys(parts))


def _json_object(response):
    """Return the body as a dict, {} for other JSON, None when it is not JSON."""
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else {}
