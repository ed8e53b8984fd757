"""The Stories pages: the archive's story threads, one thread's entries, and the way from a story to its thread.

``/stories`` lists the threads (those with several entries first shown apart), ``/stories/threads/ID`` shows one,
``/stories/of/STORY_ID`` leads from any stored story (the library, an article's page) to its thread. Stories
stored since the last look are threaded first (``newsdesk.threads``).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ..errors import NotFoundError
from ..threads import get_thread, list_threads, thread_of, update_threads
from .api import RowId, get_desk
from .templating import page

router = APIRouter(include_in_schema=False)


@router.get("/stories")
def stories_page(request: Request) -> Response:
    archive = get_desk(request).archive
    update_threads(archive)
    threads = list_threads(archive)
    developing = [t for t in threads if len(t.entries) > 1]
    single = [t for t in threads if len(t.entries) == 1]
    return page(request, "stories.html", developing=developing, single=single)


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
