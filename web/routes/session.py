"""A learner's own session: the optional reach answers, and deleting what is kept about it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Response, status
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from telemetry import profile
from web.deps import ChatDep
from web.schemas import ISSUED_ID

router = APIRouter(prefix="/api", tags=["session"])

SessionId = Annotated[str, Path(pattern=ISSUED_ID)]
CODES = {
    "age_band": profile.AGE_BANDS,
    "region": profile.REGIONS,
    "life_situation": profile.LIFE_SITUATIONS,
    "next_step_taken": profile.NEXT_STEP_TAKEN,
    "service_contacted": profile.SERVICE_CONTACTED,
    "handoff_taken": profile.HANDOFF_TAKEN,
}


def _enum(field: str) -> dict[str, Any]:
    return {"enum": list(CODES[field])}


class ProfileRequest(BaseModel):
    """Answers the learner chose to give; every field is optional, at least one is needed."""

    model_config = ConfigDict(extra="forbid")
    age_band: str | None = Field(default=None, json_schema_extra=_enum("age_band"))
    """Age band, e.g. `25-34` (see /api/profile/options)."""
    region: str | None = Field(default=None, json_schema_extra=_enum("region"))
    """Region (maakunta), e.g. `pirkanmaa`."""
    life_situation: str | None = Field(default=None, json_schema_extra=_enum("life_situation"))
    """Situation in life, e.g. `student`."""
    clarity_start: int | None = Field(default=None, ge=1, le=5)
    """'How clear is your next step?' at the start, 1-5."""
    clarity_end: int | None = Field(default=None, ge=1, le=5)
    """The same question at the end, 1-5."""
    next_step_taken: str | None = Field(default=None, json_schema_extra=_enum("next_step_taken"))
    """'Did you take the next step you planned?' on a later visit: `yes`, `partly`, `not_yet`
    or `not_relevant`."""
    service_contacted: str | None = Field(
        default=None, json_schema_extra=_enum("service_contacted")
    )
    """'Did you contact the service we suggested?' after a handoff: `yes`, `not_yet` or
    `not_relevant`."""
    handoff_taken: str | None = Field(default=None, json_schema_extra=_enum("handoff_taken"))
    """The learner opened a service a handoff reply offered: by its web address (`link`) or
    its phone number (`phone`). Which service is not sent."""

    @field_validator(
        "age_band",
        "region",
        "life_situation",
        "next_step_taken",
        "service_contacted",
        "handoff_taken",
    )
    @classmethod
    def _known(cls, value: str | None, info: Any) -> str | None:
        if value is not None and value not in CODES[info.field_name]:
            raise ValueError(f"not one of the {info.field_name} codes")
        return value

    @model_validator(mode="after")
    def _something(self) -> ProfileRequest:
        if not self.model_dump(exclude_none=True):
            raise ValueError("give at least one answer")
        return self


class ProfileOptions(BaseModel):
    """The questions and their fixed answers, in one language."""

    language: Literal["fi", "sv", "en"]
    questions: dict[str, str]
    age_band: list[dict[str, str]]
    region: list[dict[str, str]]
    life_situation: list[dict[str, str]]
    clarity: list[int]


@router.post("/session/{session_id}/profile", status_code=status.HTTP_204_NO_CONTENT)
def save_profile(session_id: SessionId, body: ProfileRequest, chat: ChatDep) -> Response:
    """Record the optional reach answers (age band, region, situation, clarity) of a session."""
    chat.save_profile(session_id, body.model_dump())
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/session/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_session(session_id: SessionId, chat: ChatDep) -> Response:
    """Delete everything kept about a session: messages, feedback, answers, memory."""
    if not chat.delete_session(session_id):
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail="busy, try again")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/profile/options", response_model=ProfileOptions)
def profile_options(language: Literal["fi", "sv", "en"] = "fi") -> ProfileOptions:
    """The reach questions and their answers, for the chat page to show."""
    return ProfileOptions.model_validate(profile.options(language))
