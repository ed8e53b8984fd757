"""Seeded generators of hostile and broken inputs for the fuzz suite (tests/e2e/test_fuzz.py, bench/fuzz.py).

Each generator takes a ``random.Random`` and returns one input: a page, a feed or a JSON story, built from a
realistic template and then damaged by a few of the mutations below. They are the failure shapes seen in the wild
and in the security review: parser blow-ups (attributes, depth, element counts, long fields), impossible
characters (references past U+10FFFF, surrogates, NUL, bad UTF-8), truncation, lying encodings, entity tricks,
``javascript:`` links and markup where text belongs.
"""

from __future__ import annotations

import json
import random

SENTENCES = [
    "The council met on Tuesday to discuss the plan for the new bridge.",
    "Officials said the work would start in the spring and take two years.",
    "Residents raised concerns about traffic during the construction.",
    "The mayor said the project would cost about 40 million dollars.",
    "Critics argued that the money could be better spent on schools.",
    "Le conseil s'est réuni mardi pour discuter du projet.",
    "Der Stadtrat hat am Dienstag über den Plan beraten.",
    "«Это важный шаг», — сказал мэр. 市议会周二开会讨论了该计划。",
]
HOSTILE_SNIPPETS = [
    "&#x110000;",
    "&#99999999999;",
    "&#xD800;",
    "&#0;",
    "&#x0;",
    "&#1114112;",
    "&bogus;",
    "&amp",
    "&#x;",
    "\x00",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\u202e",
    "\x1b[31m",
    "\r\n\r\n",
    "]]>",
    "<![CDATA[",
    "<!--",
    "-->",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<?xml version='1.0'?>",
    "<!DOCTYPE x>",
    "Ignore previous instructions.",
    "\u0000\u0001\u0002",
    "a" * 5000,
    "<" * 300,
    ">" * 300,
    "&" * 300,
]
ENCODINGS = ["utf-8", "utf-16", "iso-8859-1", "bogus-encoding", "shift_jis", "us-ascii"]


def paragraphs(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 6))) for _ in range(count)]


def html_page(rng: random.Random) -> bytes:
    title = rng.choice(SENTENCES)
    body = "".join(f"<p>{p}</p>" for p in paragraphs(rng, rng.randint(0, 25)))
    page = (
        f'<!DOCTYPE html><html lang="{rng.choice(["en", "fr", "xx", ""])}"><head><meta charset="utf-8">'
        f'<title>{title}</title><meta property="og:title" content="{title}">'
        f'<meta name="description" content="{rng.choice(SENTENCES)}"></head><body><header><nav><a href="/">'
        f"Home</a></nav></header><article><h1>{title}</h1>{body}</article><footer>(c) Paper</footer>"
        "</body></html>"
    )
    return mutate(rng, page, PAGE_BLOWUPS).encode("utf-8", "surrogatepass")


def feed_document(rng: random.Random) -> bytes:
    kind = rng.choice(["rss", "atom", "rdf"])
    entries = []
    for number in range(rng.randint(0, 30)):
        title, text = rng.choice(SENTENCES), "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in paragraphs(rng, 3))
        link = rng.choice(["https://news.example/a/", "javascript:alert(1)//", "/relative/", "http://[::1]/"])
        if kind == "atom":
            entries.append(
                f'<entry><title>{title}</title><id>urn:{number}</id><link href="{link}{number}"/>'
                f"<author><name>Reporter {number}</name></author><updated>2024-05-0{number % 9 + 1}"
                f'T10:00:00Z</updated><content type="html">{text}</content></entry>'
            )
        else:
            entries.append(
                f"<item><title>{title}</title><link>{link}{number}</link><guid>g{number}</guid>"
                f"<author>r{number}@news.example (Reporter)</author><pubDate>Tue, 0{number % 9 + 1} May "
                f"2024 10:00:00 GMT</pubDate><description>{text}</description></item>"
            )
    declared = rng.choice(ENCODINGS)
    head = f'<?xml version="1.0" encoding="{declared}"?>'
    if kind == "atom":
        doc = f'{head}<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{"".join(entries)}</feed>'
    elif kind == "rdf":
        doc = (
            f'{head}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/'
            f'rss/1.0/"><channel><title>Wire</title></channel>{"".join(entries)}</rdf:RDF>'
        )
    else:
        doc = f'{head}<rss version="2.0"><channel><title>Wire</title>{"".join(entries)}</channel></rss>'
    doc = mutate(rng, doc, FEED_BLOWUPS)
    encoding = declared if declared not in ("bogus-encoding",) and rng.random() < 0.5 else "utf-8"
    return doc.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")


def json_story(rng: random.Random) -> bytes:
    values = [
        None,
        0,
        -1,
        2**64,
        1.5e308,
        True,
        [],
        {},
        "",
        " ",
        "javascript:alert(1)",
        "https://ok.example/a",
        "data:text/html,<script>alert(1)</script>",
        "http://",
        "ftp://x",
        rng.choice(HOSTILE_SNIPPETS),
        " ".join(paragraphs(rng, 2)),
        "2024-13-45",
        "2024-05-01",
    ]
    strings = [v for v in values if isinstance(v, str)]
    story: dict = {
        "headline": rng.choice(SENTENCES) if rng.random() < 0.8 else rng.choice(values),
        "body": "\n\n".join(paragraphs(rng, rng.randint(1, 8))) if rng.random() < 0.8 else rng.choice(values),
    }
    for key in ("url", "published", "source", "author", "language", rng.choice(["title", "text", "extra"])):
        if rng.random() < 0.5:
            story[key] = rng.choice(strings) if rng.random() < 0.8 else rng.choice(values)
    text = json.dumps(story, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.3:
        text = mutate(rng, text, [])
    return text.encode("utf-8", "surrogatepass")


def mutate(rng: random.Random, text: str, blowups: list) -> str:
    for _ in range(rng.randint(0, 4)):
        text = rng.choice(MUTATIONS + blowups)(rng, text)
    return text


def _insert(rng: random.Random, text: str) -> str:
    at = rng.randint(0, len(text))
    return text[:at] + rng.choice(HOSTILE_SNIPPETS) + text[at:]


def _truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randint(0, len(text))]


def _flip(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 20)):
        if chars:
            chars[rng.randrange(len(chars))] = chr(
                rng.choice([0, 0x3C, 0x3E, 0x26, 0x22, 0xA0, 0xFFFD, 0x10FFFF, rng.randint(1, 0xD7FF)])
            )
    return "".join(chars)


def _duplicate(rng: random.Random, text: str) -> str:
    start = rng.randrange(max(len(text), 1))
    piece = text[start : start + rng.randint(1, 400)]
    return text[:start] + piece * rng.randint(2, 50) + text[start:]


def _deep(rng: random.Random, text: str) -> str:
    depth = rng.choice([100, 1000, 5000])
    tag = rng.choice(["div", "span", "b", "table", "p"])
    return text.replace("<body>", "<body>" + f"<{tag}>" * depth, 1) or f"<{tag}>" * depth


def _many_attributes(rng: random.Random, text: str) -> str:
    count = rng.choice([50, 900, 5_000, 100_000])
    attributes = " ".join(f'data-a{n}="{n}"' for n in range(count))
    return text.replace("<article>", f"<article {attributes}>", 1)


def _many_elements(rng: random.Random, text: str) -> str:
    count = rng.choice([1_000, 10_000, 29_000, 300_000])
    return text.replace("</article>", f"{'<p>x</p>' * count}</article>", 1)


def _long_field(rng: random.Random, text: str) -> str:
    size = rng.choice([10_000, 100_000, 1_000_000])
    tag = rng.choice(["author", "title", "link", "category", "guid", "name"])
    marker = "<item>" if "<item>" in text else "<entry>"
    filler = rng.choice(["a", "a@b ", "&amp;", "x "]) * (size // 4)
    return text.replace(marker, f"{marker}<{tag}>{filler}</{tag}>", 1)


def _entity_tricks(rng: random.Random, text: str) -> str:
    doctype = rng.choice(
        [
            '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
            '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        ]
    )
    text = text.replace("?>", "?>" + doctype, 1)
    return text.replace("<title>", "<title>&d;&x;", 1)


MUTATIONS = [_insert, _insert, _truncate, _flip, _duplicate]
PAGE_BLOWUPS = [_deep, _many_attributes, _many_elements]
FEED_BLOWUPS = [_long_field, _entity_tricks, _many_elements, _deep]

KINDS = {"page": html_page, "feed": feed_document, "story": json_story}


# -- running one input through newsdesk ---------------------------------------------------------------------------
BUDGET_SECONDS = 10.0  # the promise: any input is parsed or refused within this, on 2 cores


def run_one(
    kind: str, data: bytes, archive, client=None, budget: float | None = BUDGET_SECONDS
) -> tuple[str, float, str]:
    """``(outcome, seconds, detail)``: outcome is ok, refused (a one-line newsdesk error), crash or, past
    ``budget`` seconds (``bench/fuzz.py``; the tests pass None, since speed is a benchmark's to measure), timeout.

    Pages and JSON stories go the way a file does (``story_from_bytes``: decode, extract or parse) and then into
    the archive (the pipeline's storage stage); feeds are parsed and ingested entry by entry; JSON stories are also
    posted to the API, which must answer below 500.
    """
    import time
    import traceback

    from newsdesk.archive.intake import ingest_feed
    from newsdesk.errors import NewsdeskError
    from newsdesk.ingest import story_from_bytes
    from newsdesk.ingest.feeds import parse_feed

    started = time.monotonic()
    outcome, detail = "ok", ""
    try:
        if kind == "feed":
            feed = parse_feed(data, "fuzz.xml")
            report = ingest_feed(archive, feed)
            if report.new + report.duplicates + report.revised != len(feed.entries):  # each entry counted once
                outcome, detail = "crash", f"{len(feed.entries)} entries but {report.new + report.revised} stored"
        else:
            story = story_from_bytes(data, "fuzz.html" if kind == "page" else "fuzz.json")
            archive.add_story(story)
    except NewsdeskError as error:
        outcome, detail = "refused", str(error)
        if "\n" in detail or not detail:
            outcome = "crash"
            detail = f"not a one-line error: {detail!r}"
    except Exception:
        outcome, detail = "crash", traceback.format_exc()
    if client is not None and kind == "story":
        response = client.post("/api/articles", content=data, headers={"content-type": "application/json"})
        if response.status_code >= 500 or "error" not in response.json() and response.status_code >= 400:
            outcome, detail = "crash", f"API answered {response.status_code}: {response.text[:300]}"
    seconds = time.monotonic() - started
    if budget is not None and seconds > budget and outcome != "crash":
        outcome, detail = "timeout", f"{seconds:.1f} s"
    return outcome, seconds, detail
