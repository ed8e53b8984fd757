"""What a running server was told: where the database is, who may call it, what it may run."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from ..archive import is_postgres
from ..archive.postgres import safe_url
from ..errors import InputError
from ..llm import DEFAULT_MODEL
from ..template import bundled_templates, load_template

MAX_BODY_BYTES = 1_000_000  # JSON and form posts
MAX_UPLOAD_BYTES = 5_000_000  # the new-article form, which may carry a story file or a saved page with its markup
MAX_BODY_CHARS = 500_000  # a story's text, however it came: the JSON API, a pasted brief, an uploaded file
PAGE_SIZE = 20
POLL_CHECK_SECONDS = 5.0  # how often the server looks for feeds due for a poll and for expired leases
MIN_FEED_INTERVAL = 60
DEFAULT_FEED_INTERVAL = 900
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


@dataclass
class Settings:
    db: str | Path  # a SQLite file or a postgresql:// URL
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None  # NEWSDESK_TOKEN: required on every request when set
    workers: int = 1  # worker processes the server starts (0: another process runs them)
    background: bool = True  # run the supervisor (workers, feed polls, lease checks); off for in-process tests
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    context_length: int | None = None
    # Templates a request may name: name -> bundled name or file path. The first is the default.
    templates: dict[str, str] = field(default_factory=dict)
    allow_private: bool = False
    judge: bool = True  # workers ask a server model to judge uncertain sentences (--no-judge)
    max_body: int = MAX_BODY_BYTES
    max_upload: int = MAX_UPLOAD_BYTES
    poll_check_seconds: float = POLL_CHECK_SECONDS
    public_feeds: bool = False  # serve /feeds/articles.atom and .json, without the token (--public-feeds)

    def __post_init__(self) -> None:
        if not is_postgres(str(self.db)):
            self.db = Path(self.db)
        if not self.templates:
            self.templates = {name: name for name in bundled_templates()}

    @property
    def db_label(self) -> str:
        """The database as shown to people: a URL without its password."""
        return safe_url(str(self.db)) if is_postgres(str(self.db)) else str(self.db)

    @property
    def default_template(self) -> str:
        return next(iter(self.templates))

    @property
    def models(self) -> list[str]:
        """Model specs a request may name: the server's model (a request cannot make it load other files)."""
        return [self.model]

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def allowed_hosts(self) -> frozenset[str] | None:
        """Host headers accepted (DNS-rebinding defence) when bound to loopback; None: any (a token guards it)."""
        return LOOPBACK_NAMES | {self.host} if self.loopback else None

    def check(self) -> None:
        """Refuse a configuration that would expose the archive: a public bind address without a token."""
        if not self.loopback and not self.token:
            raise InputError(
                f"binding to {self.host} needs a token: set NEWSDESK_TOKEN (every request must then "
                "carry it), or bind to 127.0.0.1"
            )


def is_loopback(host: str) -> bool:
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def template_menu(specs: list[str]) -> dict[str, str]:
    """Templates offered by the server: the bundled ones plus the files given with ``--template``, by name.

    The first one given is the default; the YAML's ``name`` is how requests refer to a file template.
    """
    menu: dict[str, str] = {}
    for spec in specs:
        template = load_template(spec)  # a bad file stops the server at start, not the first job
        path = Path(spec).expanduser()
        menu[template.name] = str(path.resolve()) if path.exists() else spec
    for name in bundled_templates():
        menu.setdefault(name, name)
    return menu
