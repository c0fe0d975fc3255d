"""Whatever a learner types or a model writes is shown as text, never run as HTML."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ATTACK = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'


def test_a_question_with_markup_is_shown_as_text(page: Page) -> None:
    page.goto("/")
    page.fill("#message", ATTACK + " apprenticeship")
    page.press("#message", "Enter")
    expect(page.locator(".answer").first).not_to_have_attribute("aria-busy", "true")
    expect(page.locator(".question p:not(.who)").first).to_have_text(ATTACK + " apprenticeship")
    assert page.locator("#log img, #log script").count() == 0
    assert page.evaluate("window.pwned") is None


def test_markdown_lite_renders_only_bold_lists_and_citations(page: Page) -> None:
    page.goto("/")
    html = page.evaluate(
        """async (text) => {
            const { renderMarkdown } = await import('/static/markdown.js');
            const box = document.createElement('div');
            box.append(renderMarkdown(text, {sources: 2, idPrefix: 's',
                nextStepsLabels: ['Next steps']}));
            return box.innerHTML;
        }""",
        "Intro **bold <i>x</i>** [1] [7] " + ATTACK + "\n\n**Next steps:**\n- one [2]\n- two",
    )
    assert "<strong>bold &lt;i&gt;x&lt;/i&gt;</strong>" in html
    assert '<a href="#s-1" class="cite">[1]</a>' in html
    assert "[7]" in html and 'href="#s-7"' not in html  # no such source: plain text
    assert "<img" not in html and "<script" not in html and "&lt;script&gt;" in html
    assert '<section class="next-steps"><h3>Next steps</h3><ul><li>one' in html
    assert page.evaluate("window.pwned") is None
