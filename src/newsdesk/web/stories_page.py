"""The Stories pages: the archive's story threads, one thread's entries, and the way from a story to its thread.

``/stories`` lists the threads (those with several entries first shown apart), ``/stories/threads/ID`` shows one,
``/stories/of/STORY_ID`` leads from any stored story (the library, an article's page) to its thread. Stories
stored since the last look are threaded first (``newsdesk.threads``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from ..errors import NotFoundError
from ..threads import get_thread, list_threads, thread_of, update_threads
from .api import RowId, get_desk
from .settings import PAGE_SIZE
from .templating import page, page_number

router = APIRouter(include_in_schema=False)


@router.get("/stories")
def stories_page(request: Request, number: Annotated[str, Query(alias="page")] = "1") -> Response:
    """The threads, most recently active first, a page of each kind at a time (an archive holds thousands)."""
    archive = get_desk(request).archive
    update_threads(archive)
    threads = list_threads(archive)
    current = page_number(number)
    shown = slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE)
    developing = [t for t in threads if len(t.entries) > 1]
    single = [t for t in threads if len(t.entries) == 1]
    more = len(developing) > shown.stop or len(single) > shown.stop
    return page(request, "stories.html", developing=developing[shown], single=single[shown], page=current, more=more)


@router.get("/stories/threads/{thread_id}")
def thread_page(request: Request, thread_id: RowId) -> Response:
    thread = get_thread(get_desk(request).archive, thread_id)
    archive = get_desk(request).archive
    articles = archive.article_ids([e.story_id for e in thread.entries])
    return page(request, "thread.html", thread=thread, articles=articles)


@router.get("/stories/of/{story_id}")
def story_thread(request: Request, story_id: RowId) -> Response:
    archive = get_desk(request).archive
    archive.get_story(story_id)  # 404 for a story that does not exist
    thread_id = thread_of(archive, story_id)
    if thread_id is None:
        update_threads(archive)
        thread_id = thread_of(archive, story_id)
    if thread_id is None:
        raise NotFoundError(f"story {story_id} is in no thread yet")
    return RedirectResponse(f"/stories/threads/{thread_id}", status_code=303)
