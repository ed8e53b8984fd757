"""Signed webhooks: newsdesk tells another system (a CMS, a workflow tool) when an article is published or updated.

Set ``NEWSDESK_WEBHOOK_URL`` and ``NEWSDESK_WEBHOOK_SECRET``; every article saved then POSTs a JSON body

    {"event": "article.published", "article": {"id", "title", "dek", "version", "created", "updated"}}

with ``X-Newsdesk-Signature: sha256=HEX``, the HMAC-SHA256 of the exact body bytes under the secret. A receiver
recomputes it over the body it read and compares in constant time (``verify_signature``); ``X-Newsdesk-Delivery``
is an id that stays the same across retries, for a receiver to drop a repeat. A refused connection, a 5xx or a
429 is retried with doubling waits (``ATTEMPTS``, ``FIRST_WAIT``); any other answer is final, and so is a time-out
(``TIMEOUT``: a receiver that slow may have taken it, and each retry would hold the run as long again). Every
delivery is recorded in the archive's ``webhook_deliveries`` table, delivered or not. Writing never fails because a
webhook did: a failed delivery is recorded and reported, the article is saved all the same.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from ..errors import InputError
from ..text import counted

if TYPE_CHECKING:
    from ..archive import Archive
    from ..models import Article

SIGNATURE_HEADER = "X-Newsdesk-Signature"
ATTEMPTS = 4
FIRST_WAIT = 0.5  # seconds before the first retry; doubled before each next one
TIMEOUT = 10.0  # seconds for one attempt; a time-out is final (see ``send``)
EVENTS = ("article.published", "article.updated")


def signature(body: bytes, secret: str) -> str:
    """The signature header's value for ``body``: ``sha256=`` and the hex HMAC-SHA256 under ``secret``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, secret: str, header: str | None) -> bool:
    """Whether ``header`` is the signature of ``body`` under ``secret`` (constant-time comparison)."""
    return bool(header) and hmac.compare_digest(signature(body, secret), str(header))


@dataclass
class Webhook:
    url: str
    secret: str
    attempts: int = ATTEMPTS
    first_wait: float = FIRST_WAIT

    @classmethod
    def from_env(cls) -> Webhook | None:
        """The webhook ``NEWSDESK_WEBHOOK_URL`` names, or None; a URL without a secret is a configuration error."""
        url = os.environ.get("NEWSDESK_WEBHOOK_URL", "").strip()
        if not url:
            return None
        secret = os.environ.get("NEWSDESK_WEBHOOK_SECRET", "")
        if not secret:
            raise InputError("NEWSDESK_WEBHOOK_URL is set but NEWSDESK_WEBHOOK_SECRET is not: webhooks are signed")
        if not url.startswith(("http://", "https://")):
            raise InputError(f"NEWSDESK_WEBHOOK_URL must be an http(s) URL, not {url!r}")
        return cls(url, secret)


@dataclass
class Delivery:
    id: str
    event: str
    article_id: int | None
    delivered: bool
    attempts: int
    status: int | None  # the last HTTP status, None when no answer came
    error: str | None = None


def article_payload(event: str, article: Article) -> dict[str, object]:
    data = article.to_dict()
    return {
        "event": event,
        "article": {
            "id": article.id,
            "title": article.title,
            "dek": article.dek,
            "version": data.get("version", 1),
            "created": article.created,
            "updated": data.get("updated") or article.created,
        },
    }


def send(
    webhook: Webhook,
    event: str,
    article: Article,
    archive: Archive | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """POST ``event`` about ``article`` to ``webhook``, retrying as the module docstring says; records it."""
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    body = json.dumps(article_payload(event, article), ensure_ascii=False, sort_keys=True).encode()
    delivery = Delivery(uuid.uuid4().hex, event, article.id, False, 0, None)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "newsdesk-webhook",
        "X-Newsdesk-Event": event,
        "X-Newsdesk-Delivery": delivery.id,
        SIGNATURE_HEADER: signature(body, webhook.secret),
    }
    wait = webhook.first_wait
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False, trust_env=False) as client:
        for attempt in range(1, webhook.attempts + 1):
            delivery.attempts = attempt
            try:
                response = client.post(webhook.url, content=body, headers=headers)
                delivery.status, delivery.error = response.status_code, None
                if response.status_code < 300:
                    delivery.delivered = True
                    break
                delivery.error = f"HTTP {response.status_code}"
                if response.status_code < 500 and response.status_code != 429:
                    break  # the receiver refused it; sending it again would not change that
            except httpx.TimeoutException as error:
                # a receiver that holds a POST this long may well have taken it: sending it again would hold the
                # run (and a worker) once more for each attempt, so the delivery is recorded as not delivered
                delivery.status, delivery.error = None, f"no answer in {TIMEOUT:g} s ({type(error).__name__})"
                break
            except httpx.HTTPError as error:
                delivery.status, delivery.error = None, f"{type(error).__name__}: {error}"[:300]
            if attempt < webhook.attempts:
                sleep(wait)
                wait *= 2
    if archive is not None:
        record(archive, delivery, webhook.url)
    return delivery


def record(archive: Archive, delivery: Delivery, url: str) -> None:
    from ..archive import now

    archive.db.execute(
        "INSERT INTO webhook_deliveries (delivery, event, article_id, url, delivered, attempts, status, error,"
        " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            delivery.id,
            delivery.event,
            delivery.article_id,
            url,
            int(delivery.delivered),
            delivery.attempts,
            delivery.status,
            delivery.error,
            now(),
        ),
    )


def notify(
    archive: Archive, event: str, article: Article, on_problem: Callable[[str], None] | None = None
) -> Delivery | None:
    """Send ``event`` to the webhook the environment configures, if any (None when there is none). A bad
    configuration or a failed delivery goes to ``on_problem`` as one line; it never raises."""
    try:
        webhook = Webhook.from_env()
    except InputError as error:
        if on_problem:
            on_problem(f"webhook not sent: {error}")
        return None
    if webhook is None:
        return None
    delivery = send(webhook, event, article, archive)
    if not delivery.delivered and on_problem:
        on_problem(
            f"webhook {event} for article {article.id} not delivered after {counted(delivery.attempts, 'attempt')}:"
            f" {delivery.error}"
        )
    return delivery
