"""A hostile page: every way we know for article content to try to run script in the desk."""

from __future__ import annotations

from newsdesk.records import Article, Related

HOSTILE_TITLE = "Breaking</title><script>alert('title')</script> news"

HOSTILE_HTML = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{HOSTILE_TITLE}</title>
<meta property="og:title" content="{HOSTILE_TITLE.replace("'", "&#39;")}">
<meta property="og:image" content="javascript:alert('image')">
<meta name="author" content="&lt;img src=x onerror=alert('author')&gt;">
<meta property="article:section" content="&lt;script&gt;alert('category')&lt;/script&gt;">
<meta property="article:published_time" content="2026-02-11T10:00:00+00:00">
<script>alert('head')</script>
</head><body onload="alert('body')">
<article>
<h1>Breaking&lt;/title&gt;&lt;script&gt;alert('h1')&lt;/script&gt; news</h1>
<p>The council met on Tuesday <script>alert('inline')</script> to discuss the budget for the coming year,
and members argued for hours about roads, schools and the library. <img src="x" onerror="alert('img')"></p>
<p>Residents who attended said the meeting was long but useful; one said &lt;script&gt;alert('text')&lt;/script&gt;
should never run, and another pasted <a href="javascript:alert('link')">a javascript link</a> into her notes.</p>
<p>The vote is expected next week, after a second reading of the proposal and a public consultation
<svg onload="alert('svg')"></svg> that will run for fourteen days across the whole district.</p>
<p>Officials promised to publish the minutes, the draft budget and every amendment online before the vote
<iframe src="javascript:alert('iframe')"></iframe> so that anyone can read them in full.</p>
</article></body></html>
"""


def hostile_article() -> Article:
    """The same attack as a hand-made record, so the web test does not depend on what extraction keeps."""
    text_paragraphs = (
        "First paragraph <script>alert('p1')</script> with markup that must show as text.",
        "<img src=x onerror=alert('p2')> and \"quotes\" & ampersands stay text.",
        "A link: <a href=\"javascript:alert('p3')\">click</a>.",
    )
    return Article(
        url="https://hostile.example/story", canonical_url="https://hostile.example/story",
        site_name="Hostile <b>Site</b>", title=HOSTILE_TITLE, authors=("<script>alert('a')</script>",),
        published="2026-02-11T11:00:00+00:00", categories=("<script>alert('c')</script>", "World"),
        language="en", text="\n\n".join(text_paragraphs), paragraphs=text_paragraphs,
        excerpt="<svg onload=alert('excerpt')>", description="</p><script>alert('d')</script>",
        image="javascript:alert('img')",
        related=(Related(title="<script>alert('r')</script>", url="javascript:alert('rel')"),
                 Related(title="Data link", url="data:text/html,<script>alert(1)</script>")),
    )
