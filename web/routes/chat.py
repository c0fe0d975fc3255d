"""The chat and feedback API."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response, status
from starlette.concurrency import run_in_threadpool

from web.auth.deps import counsellor_mode_guard
from web.deps import ChatDep, get_accounts, get_chat
from web.schemas import ChatRequest, ChatResponse, FeedbackRequest, to_public

router = APIRouter(prefix="/api", tags=["chat"])


@router.post(
    "/chat",
    response_model=ChatResponse,
    responses={403: {"description": "`mode=counsellor` without a signed-in counsellor"}},
)
async def chat(body: ChatRequest, request: Request) -> ChatResponse:
    """Answer one message, citing the knowledge-base passages it used."""
    # The whole turn on one worker thread. As `def` dependencies and a `def` route, FastAPI
    # handed the chat service, the accounts, the mode guard, the route and the response check
    # each to a thread of its own: five hand-offs a reply.
    return await run_in_threadpool(_answer, body, request)


def _answer(body: ChatRequest, request: Request) -> ChatResponse:
    chat = get_chat(request)
    staff = counsellor_mode_guard(request, get_accounts(request))(body.mode)
    reply = chat.reply(
        body.message,
        session_id=body.session_id,
        language=body.language,
        mode=body.mode,
        user_id=chat.staff_key(staff.id) if staff else body.user_id,
        org_id=body.org_id,
    )
    return to_public(reply)


@router.post(
    "/feedback",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"description": "No reply has this `message_id`"}},
)
def feedback(body: FeedbackRequest, chat: ChatDep) -> Response:
    """Rate a reply (helpful or not, 1-5, a comment) or report it as wrong."""
    if not chat.feedback(
        body.message_id,
        rating=body.rating,
        helpful=body.helpful,
        comment=body.comment,
        wrong_answer=body.wrong_answer,
    ):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="unknown message_id")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
