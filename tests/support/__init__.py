"""Helpers shared by several test modules (import them as ``from support.NAME import ...``).

- ``servers``: a real HTTP server on 127.0.0.1 in a thread, a free port, a server in a child process;
- ``chatserver``: a scripted OpenAI-compatible server (delays, 429/5xx, context limits, scripted answers);
- ``obedient_server``: an OpenAI-compatible server that obeys every instruction it reads (injection tests);
- ``pgserver``: a throwaway PostgreSQL server and a fresh schema per test (also run by ``.ci/run``);
- ``facts``: runs one named structural fact check;
- ``fuzz_inputs``: the fuzz inputs and their runner (also used by ``bench/fuzz.py``);
- ``injection_canaries``: the prompt-injection canaries and how to plant them;
- ``stories``: a one-source story of sentences written for a test, one passage each.
"""
