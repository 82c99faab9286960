"""The published APIs a Store shows, per tenant, and how they are found.

The catalogue is read-only at run time (publishing is not part of the Store
API), so it needs no locking of its own. Lookups follow WSO2's rules: an API
is addressed by UUID or by ``provider-name-version``, restricted APIs are only
visible to users holding one of their roles, and the search ``query`` accepts
WSO2's ``attribute:value`` modifiers with ``*`` wildcards.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .oauth import Principal
from .web import bad_request


@dataclass(frozen=True)
class DocEntry:
    """One API document; exactly one of inline text, file or URL is its body."""

    id: str
    name: str
    type: str
    summary: str
    source_type: str
    updated: float
    inline: str = ""
    file_name: str = ""
    file_type: str = ""
    file_data: bytes = b""
    source_url: str = ""
    other_type_name: str = ""

    def dto(self) -> dict[str, object]:
        payload: dict[str, object] = {
            "documentId": self.id,
            "name": self.name,
            "type": self.type,
            "summary": self.summary,
            "sourceType": self.source_type,
        }
        if self.source_url:
            payload["sourceUrl"] = self.source_url
        if self.other_type_name:
            payload["otherTypeName"] = self.other_type_name
        return payload


@dataclass(frozen=True)
class ApiEntry:
    """A published (or prototyped) API with everything the Store serves."""

    id: str
    tenant: str
    name: str
    version: str
    context: str
    provider: str
    description: str
    status: str
    tags: tuple[str, ...]
    tiers: tuple[str, ...]
    swagger: dict[str, object]
    business: dict[str, str]
    updated: float
    documents: tuple[DocEntry, ...] = ()
    thumbnail: bytes | None = None
    visible_roles: tuple[str, ...] = ()
    is_default_version: bool = False
    gateway_urls: dict[str, str] = field(default_factory=dict)

    @property
    def identifier(self) -> str:
        """The ``provider-name-version`` form that WSO2 also accepts as an id."""
        return f"{self.provider.replace('@', '-AT-')}-{self.name}-{self.version}"

    @property
    def scopes(self) -> list[dict[str, str]]:
        security = self.swagger.get("x-wso2-security", {})
        return list(security.get("apim", {}).get("x-wso2-scopes", []))

    def visible_to(self, principal: Principal | None) -> bool:
        if not self.visible_roles:
            return True
        return principal is not None and bool(principal.roles & set(self.visible_roles))

    def document(self, document_id: str) -> DocEntry | None:
        return next((d for d in self.documents if d.id == document_id), None)


def _pattern(term: str, substring: bool) -> re.Pattern[str]:
    """WSO2 search terms: ``*`` is a wildcard, otherwise exact or substring."""
    regex = ".*".join(re.escape(part) for part in term.split("*"))
    if substring and "*" not in term:
        regex = f".*{regex}.*"
    return re.compile(regex, re.IGNORECASE | re.DOTALL)


class Catalog:
    """All seeded APIs, grouped by tenant."""

    def __init__(self, apis: Iterable[ApiEntry]) -> None:
        self._apis: dict[str, list[ApiEntry]] = {}
        for api in apis:
            self._apis.setdefault(api.tenant, []).append(api)
        for entries in self._apis.values():
            entries.sort(key=lambda api: (api.name.lower(), api.version))

    def visible(self, tenant: str, principal: Principal | None) -> list[ApiEntry]:
        return [a for a in self._apis.get(tenant, []) if a.visible_to(principal)]

    def find(
        self, tenant: str, api_id: str, principal: Principal | None
    ) -> ApiEntry | None:
        """An API by UUID or ``provider-name-version``, if this user may see it."""
        return next(
            (
                api
                for api in self.visible(tenant, principal)
                if api_id in (api.id, api.identifier)
            ),
            None,
        )

    def search(
        self, tenant: str, principal: Principal | None, query: str
    ) -> list[ApiEntry]:
        """Apply a Store ``query``; without ``status:`` only PUBLISHED APIs match."""
        apis = self.visible(tenant, principal)
        if not query:
            return [api for api in apis if api.status == "PUBLISHED"]
        parts = query.split(":")
        if len(parts) == 1:
            attribute, term = "name", query
        elif len(parts) == 2 and parts[0].strip() and parts[1].strip():
            attribute, term = parts[0].strip().lower(), parts[1].strip()
        else:
            raise bad_request(f"Provided query parameter '{query}' is invalid")
        if attribute != "status":
            apis = [api for api in apis if api.status == "PUBLISHED"]
        substring = attribute in {"name", "description", "doc", "subcontext"}
        pattern = _pattern(term, substring)
        return [
            api
            for api in apis
            if any(pattern.fullmatch(value) for value in _values(api, attribute))
        ]

    def tags(self, tenant: str, principal: Principal | None) -> list[tuple[str, int]]:
        """Each tag of the visible published APIs with how many APIs carry it."""
        counts = Counter(
            tag
            for api in self.visible(tenant, principal)
            if api.status == "PUBLISHED"
            for tag in api.tags
        )
        return sorted(counts.items())


def _values(api: ApiEntry, attribute: str) -> list[str]:
    """The texts of ``api`` that a search on ``attribute`` looks at."""
    if attribute == "tag":
        return list(api.tags)
    if attribute == "doc":
        return [doc.inline for doc in api.documents if doc.inline]
    if attribute == "subcontext":
        return list(api.swagger.get("paths", {}))
    simple = {
        "name": api.name,
        "version": api.version,
        "context": api.context,
        "provider": api.provider,
        "status": api.status,
        "description": api.description,
    }
    return [simple[attribute]] if attribute in simple else []
