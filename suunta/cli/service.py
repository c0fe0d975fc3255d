"""`suunta serve` (the web service) and `suunta chat` (one question)."""

from __future__ import annotations

import sys

import click

from suunta import __version__
from suunta.cli.common import LANGUAGES, Command, fail, load_settings


@click.command(
    cls=Command,
    help="Start the web service on SUUNTA_HOST:SUUNTA_PORT. Refuses a missing or stale index "
    "unless --rebuild-index is given.",
    short_help="start the web service (chat, API, dashboard)",
)
@click.option("--host", help="address to listen on (default SUUNTA_HOST, 127.0.0.1)")
@click.option("--port", type=click.IntRange(1, 65535), help="port (default SUUNTA_PORT, 8000)")
@click.option("--rebuild-index", is_flag=True, help="build the index first if missing or stale")
def serve(host: str | None, port: int | None, rebuild_index: bool) -> int:
    """Start the web service."""
    import uvicorn

    from knowledge_base.progress import ProgressLine
    from suunta.index_setup import SetupError
    from suunta.wiring import build_components
    from web.app import create_app

    settings = load_settings()
    host = host or settings.host
    port = port or settings.port
    try:
        components = build_components(
            settings,
            rebuild_index=rebuild_index,
            progress=ProgressLine(sys.stderr),
            sentence_progress=ProgressLine(sys.stderr, unit="sentences"),
        )
    except SetupError as exc:
        fail(str(exc))
    app = create_app(settings, components)
    print(f"Suunta {__version__} on http://{host}:{port}", file=sys.stderr)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        timeout_graceful_shutdown=10,
        # The access log would record every client's IP address: never keep one.
        access_log=False,
        # Forwarded headers only from the proxies named in settings (none by default).
        proxy_headers=bool(settings.trusted_proxies.strip()),
        forwarded_allow_ips=settings.trusted_proxies.strip() or "",
        server_header=False,
    )
    components.engine.dispose()
    return 0


@click.command(
    cls=Command,
    help="Ask Suunta one question and print the answer with its sources.",
    short_help="ask one question",
)
@click.argument("message")
@click.option("--lang", type=LANGUAGES, help="pin the reply language")
@click.option(
    "--mode", type=click.Choice(["learner", "counsellor"]), default="learner", show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="print the API's JSON")
def chat(message: str, lang: str | None, mode: str, as_json: bool) -> int:
    """Ask one question from the command line (recorded like any API turn)."""
    from suunta.index_setup import SetupError
    from suunta.wiring import build_components

    settings = load_settings()
    try:
        components = build_components(settings)
    except SetupError as exc:
        fail(str(exc))
    components.writer.start()
    try:
        reply = components.chat.reply(message, language=lang, mode=mode, via="api")
    finally:
        components.close()
    if as_json:
        from web.schemas import to_public

        print(to_public(reply).model_dump_json(indent=2))
        return 0
    print(f"[{reply.kind}, {reply.language}, confidence {reply.confidence:.2f}]\n")
    print(reply.answer)
    for number, source in enumerate(reply.sources, start=1):
        print(f"[{number}] {source.title} — {source.url}")
    return 0
