"""A subscriber's whole journey on the sample store page, in a real browser.

Set UPDATE_SCREENSHOTS=1 to write the README's screenshots to docs/screenshots.
"""

import json
import os
import sqlite3
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from playwright.sync_api import expect

from sandbox.quickstart import SUBSCRIBER

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def screenshot(tmp_path):
    folder = SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path

    def take(page, name):
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    return take


def open_store(page, stack, origin=None):
    page.goto(f"{origin or stack.page_url}/index.html?api={stack.api_url}")


def log_in(page, username, password):
    page.fill("#login-form [name=username]", username)
    page.fill("#login-form [name=password]", password)
    page.click("#login-form button")


def test_a_subscriber_shops_for_an_api_from_login_to_logout(page, stack, screenshot):
    bodies = []
    page.on("response", lambda response: bodies.append(_text(response)))
    open_store(page, stack)
    expect(page.locator("#api-list li").first).to_be_visible()

    log_in(page, *SUBSCRIBER)
    expect(page.locator("#who-name")).to_have_text(SUBSCRIBER[0])

    page.fill("#search-form [name=query]", "Pizza")
    page.click("#search-form button")
    expect(page.locator("#api-list li")).to_have_count(1)
    page.click("#api-list li >> text=PizzaShackAPI")
    expect(page.locator("#api-name")).to_have_text("PizzaShackAPI 1.0.0")
    page.click("#doc-list li:has-text('Getting started') button")
    expect(page.locator("#doc-content")).to_contain_text("Create an application")

    page.fill("#app-form [name=name]", "JourneyApp")
    page.click("#app-form button")
    expect(page.locator("#app-list li", has_text="JourneyApp")).to_be_visible()
    page.click("#app-list li:has-text('JourneyApp') button")
    expect(page.locator("#keys")).to_contain_text("Consumer key:")

    page.select_option("#subscribe-form [name=applicationId]", label="JourneyApp")
    page.select_option("#subscribe-form [name=tier]", "Gold")
    page.click("#subscribe-form button")
    expect(
        page.locator("#subscription-list li", has_text="JourneyApp (Gold")
    ).to_be_visible()
    expect(page.locator("#error")).to_be_hidden()
    screenshot(page, "store")

    # The page never held the subscriber's WSO2 tokens: not in any reply, not
    # in a cookie or storage it can read.
    tokens = stored_tokens(stack)
    assert tokens
    readable = page.evaluate(
        "document.cookie + JSON.stringify(localStorage)"
        " + JSON.stringify(sessionStorage)"
    )
    for token in tokens:
        assert not any(token in body for body in bodies)
        assert token not in readable
    assert "sessionid" not in readable

    page.click("#logout")
    expect(page.locator("#login-form")).to_be_visible()
    page.reload()
    expect(page.locator("#login-form")).to_be_visible()
    expect(page.locator("#applications")).to_be_hidden()


def test_wrong_credentials_and_wso2_errors_are_shown_readably(page, stack, screenshot):
    open_store(page, stack)
    log_in(page, SUBSCRIBER[0], "not-the-password")
    expect(page.locator("#error")).to_contain_text("401")

    log_in(page, *SUBSCRIBER)
    expect(page.locator("#who-name")).to_have_text(SUBSCRIBER[0])
    page.fill("#app-form [name=name]", "TwiceApp")
    page.click("#app-form button")
    expect(page.locator("#app-list li", has_text="TwiceApp")).to_be_visible()
    page.fill("#app-form [name=name]", "TwiceApp")
    page.click("#app-form button")
    # WSO2 refuses the duplicate with 409, and its own message reaches the page.
    expect(page.locator("#error")).to_contain_text("409")
    screenshot(page, "error")


def test_a_page_from_another_origin_cannot_read_the_middle_tier(
    page, stack, foreign_page_url
):
    open_store(page, stack, origin=foreign_page_url)
    expect(page.locator("#error")).to_be_visible()
    expect(page.locator("#api-list li")).to_have_count(0)

    outcome = page.evaluate(
        """async (api) => {
            try {
                const response = await fetch(api + "/store/apis",
                                             {credentials: "include"});
                return "read " + response.status;
            } catch (error) {
                return "blocked";
            }
        }""",
        stack.api_url,
    )
    assert outcome == "blocked"


def stored_tokens(stack):
    """Return every token the middle tier holds, decrypted with its own key."""
    key = json.loads(stack.keys_file.read_text())["TOKEN_ENCRYPTION_KEYS"]
    with sqlite3.connect(stack.database) as connection:
        rows = connection.execute(
            "SELECT access_token_ciphertext, refresh_token_ciphertext"
            " FROM tokens_storedtoken"
        ).fetchall()
    fernet = Fernet(key)
    return [fernet.decrypt(value.encode()).decode() for row in rows for value in row]


def _text(response):
    try:
        return response.text()
    except Exception:
        # Redirects and aborted requests have no body to inspect.
        return ""
