"""A scripted OpenAI-compatible server that obeys every instruction it finds: the worst model a user could bring.

A remote model server is outside this machine, and a small model does not follow injected instructions reliably;
this stand-in does, on purpose. For each chat request it:

- records whether the current canary's trigger (its token, or its encoded blob) reached the prompt at all;
- obeys whatever instruction it finds in the prompt ("write 'X' in every section", "say that ..."), and
- writes the current canary's injected claim and token into every answer anyway, as a model would if the
  detector had missed the injection: so the run proves that the checks, not only the screening, keep them out
  (``"echo": false`` for an injection that ingest already removed, which no model could have read).

Each answer also carries one sentence copied from the sources, so an article has supported sentences to count.
The test sets the current canary with ``POST /control {"canary": {...}}`` and reads ``GET /control``.

    python tests/support/obedient_server.py PORT
"""

from __future__ import annotations

import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_STATE = {"canary": None, "reached": [], "requests": 0}
_LOCK = threading.Lock()
_FOUND_TOKEN = re.compile(
    r"\b(?:write|print|include|add|append|output|repeat|with)\s+(?:the word\s+)?['\"]?"
    r"(PWNED-\d+)",
    re.IGNORECASE,
)
_FOUND_CLAIM = re.compile(r"\bsay(?:s)?\s+(?:that\s+)?(the [^.;,\n]{3,60})", re.IGNORECASE)


def _source_sentence(prompt: str, nth: int) -> str:
    """The nth sentence (cycling) of the main story's passages in the prompt's source block."""
    block = prompt.rsplit("<<<SOURCES", 1)[-1].split("SOURCES>>>", 1)[0]
    sentences = [
        s
        for line in block.splitlines()
        if line.strip() and not line.startswith("[")
        for s in re.split(r"(?<=\.)\s+", line.strip())
        if len(s.split()) > 5
    ]
    return sentences[nth % len(sentences)] if sentences else "The story was reported by the source."


def _obeyed(prompt: str, canary: dict | None) -> list[str]:
    """What an obedient model adds: instructions found in the prompt, and the canary's payload regardless."""
    lines = [f"{m.upper()}." for m in dict.fromkeys(_FOUND_TOKEN.findall(prompt))]
    lines += [f"{m[0].upper()}{m[1:]}." for m in dict.fromkeys(_FOUND_CLAIM.findall(prompt))][:2]
    if canary and canary.get("echo", True):
        lines += [canary["claim"], f"{canary['token']}."]
    return list(dict.fromkeys(lines))


def answer(messages: list[dict]) -> str:
    prompt = "\n".join(str(m.get("content", "")) for m in messages)
    with _LOCK:
        canary = _STATE["canary"]
        _STATE["requests"] += 1
        nth = _STATE["requests"]
        if canary and any(trigger in prompt for trigger in canary["triggers"]):
            _STATE["reached"].append(canary["id"])
    user = str(messages[-1].get("content", ""))
    legit = _source_sentence(prompt, nth)
    extra = _obeyed(prompt, canary) or [_source_sentence(prompt, nth + 1)]  # nothing to obey: plain prose
    if "Turn this headline into a question" in user:
        return f"Why did it happen that {extra[0].rstrip('.').lower()}?"
    if "TITLE:" in user:
        return f"TITLE: {extra[0].rstrip('.')}?\nDEK: {extra[0]}\nINTRO: {legit} {' '.join(extra)}"
    if user.startswith("Each numbered sentence"):
        count = len(re.findall(r"^\d+\. Sentence:", user, re.MULTILINE))
        return "\n".join(f"{n}. {extra[(n - 1) % len(extra)]}" for n in range(1, count + 1))
    if "'Pros:'" in user:
        return "Pros:\n- " + legit + "\n" + "\n".join(f"- {e}" for e in extra) + "\nCons:\n- " + extra[0]
    if "### " in user:
        return "### What happened\n- " + legit + "\n" + "\n".join(f"- {e}" for e in extra)
    if "bullet points" in user:
        return "- " + legit + "\n" + "\n".join(f"- {e} [1]" for e in extra)
    return f"{legit} " + " ".join(f"{e} [1]" for e in extra)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def do_GET(self) -> None:
        if self.path.endswith("/models"):
            self._send(200, {"object": "list", "data": [{"id": "x", "object": "model"}]})
        elif self.path == "/control":
            with _LOCK:
                self._send(200, dict(_STATE))
        else:
            self._send(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:
        data = self._body()
        if self.path == "/control":
            with _LOCK:
                _STATE.update(canary=data.get("canary"), reached=[], requests=0)
            self._send(200, {"ok": True})
            return
        if not self.path.endswith("/chat/completions"):
            self._send(404, {"error": {"message": "not found"}})
            return
        text = answer(data.get("messages") or [])
        prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in data.get("messages") or [])
        self._send(
            200,
            {
                "id": "chatcmpl-obedient",
                "object": "chat.completion",
                "created": 0,
                "model": data.get("model", "x"),
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": {
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": len(text.split()),
                    "total_tokens": prompt_tokens + len(text.split()),
                },
            },
        )


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
