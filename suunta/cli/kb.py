"""`suunta kb build | validate | search`: the knowledge base."""

from __future__ import annotations

import datetime as dt
import sys

import click

from suunta.cli.common import LANGUAGES, USAGE_ERROR, Group, fail, load_settings


@click.group(
    cls=Group,
    help="Work with the knowledge base.",
    short_help="the knowledge base: build, validate, search",
)
def kb() -> None:
    """The `kb` group."""


@kb.command(
    help="Embed the articles (and ESCO occupations) into the index in SUUNTA_INDEX_DIR. "
    "Incremental: only changed chunks are embedded again.",
    short_help="build or update the search index",
)
@click.option(
    "--threads", type=click.IntRange(min=1), default=2, show_default=True, help="CPU threads"
)
def build(threads: int) -> int:
    """Build or update the index."""
    from knowledge_base.articles import ArticleError
    from knowledge_base.progress import ProgressLine
    from suunta.index_setup import build, make_embedder

    settings = load_settings()
    embedder = make_embedder(settings, threads=threads)
    try:
        report = build(
            settings,
            embedder,
            progress=ProgressLine(sys.stderr),
            sentence_progress=ProgressLine(sys.stderr, unit="sentences"),
        )
    except ArticleError as exc:
        fail(f"{exc} (run `suunta kb validate`)")
    print(
        f"index {settings.index_dir}: {report.chunks} chunks, {report.embedded} embedded, "
        f"{report.reused} reused, {report.seconds:.1f} s, model {embedder.name}"
    )
    return 0


@kb.command(
    help="Check front matter, ids, topics, sources, translations and review dates. "
    "Exit code 2 on errors.",
    short_help="check the articles",
)
def validate() -> int:
    """Check the corpus."""
    from knowledge_base.articles import load_topics
    from knowledge_base.validation import validate_corpus

    settings = load_settings()
    topics = set(load_topics(settings.content_dir.parent / "topics.yaml"))
    findings = validate_corpus(settings.content_dir, topics, dt.date.today())
    for finding in findings:
        print(finding)
    errors = sum(f.level == "error" for f in findings)
    print(f"{errors} errors, {len(findings) - errors} warnings")
    return USAGE_ERROR if errors else 0


@kb.command(
    help="Search the index and print hits with scores.", short_help="print ranked hits for a query"
)
@click.argument("query")
@click.option("--lang", type=LANGUAGES, help="the query's language")
@click.option("--only-lang", is_flag=True, help="return only --lang hits")
@click.option("-k", type=click.IntRange(min=1), default=5, show_default=True, help="hits")
@click.option(
    "--kind",
    type=click.Choice(["all", "article", "occupation"]),
    default="all",
    show_default=True,
    help="articles, ESCO occupations or both",
)
def search(query: str, lang: str | None, only_lang: bool, k: int, kind: str) -> int:
    """Print ranked hits for a query."""
    from knowledge_base.retriever import Retriever
    from suunta.index_setup import SetupError, index_problem, make_embedder

    settings = load_settings()
    embedder = make_embedder(settings)
    problem = index_problem(settings, embedder.name)
    if problem:
        fail(problem)
    retriever = Retriever.from_index_dir(settings.index_dir, embedder)
    try:
        hits = retriever.search(
            query,
            language=lang,
            k=k,
            languages=(lang,) if only_lang and lang else None,
            kinds=None if kind == "all" else (kind,),
        )
    except SetupError as exc:
        fail(str(exc))
    for rank, hit in enumerate(hits, start=1):
        c = hit.chunk
        print(
            f"{rank:2}. {hit.score:.3f}  {c.id}  [{c.kind}, {c.language}]  {c.title} / {c.heading}"
        )
    print(
        f"({retriever.last.embed_ms:.0f} ms embedding, {retriever.last.search_ms:.1f} ms search)",
        file=sys.stderr,
    )
    return 0
