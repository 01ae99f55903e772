"""robots.txt read as RFC 9309 says: our group or *, longest match, Allow wins ties, * and $."""

from __future__ import annotations

import pytest

from newsdesk.sources.robots import RobotsCache, RobotsRules, parse_robots, product_token

ROBOTS = """
# comments and blank lines are ignored
User-agent: *
Disallow: /private/
Disallow: /*?replytocom=
Allow: /private/press/
Crawl-delay: 2

User-agent: OtherBot
User-agent: newsdesk
Disallow: /search
Allow: /search/about$
Disallow: /*.pdf$

User-agent: newsdesk
Crawl-delay: 900
"""


@pytest.mark.parametrize("path, allowed", [
    ("/", True), ("/private/x", True), ("/search", False), ("/search/about", True),
    ("/search/about/more", False), ("/files/report.pdf", False), ("/files/report.pdf?x=1", True),
    ("/robots.txt", True),
])
def test_our_group_wins(path: str, allowed: bool) -> None:
    rules = parse_robots(ROBOTS, "newsdesk")
    assert rules.allowed("https://news.example" + path) is allowed
    assert rules.crawl_delay == 30.0  # 900 s asked, capped


@pytest.mark.parametrize("path, allowed", [
    ("/private/x", False), ("/private/press/release", True), ("/story?replytocom=5", False),
    ("/story?page=2", True), ("/search", True),
])
def test_star_group_for_others(path: str, allowed: bool) -> None:
    rules = parse_robots(ROBOTS, "somebot")
    assert rules.allowed("https://news.example" + path) is allowed
    assert rules.crawl_delay == 2.0


def test_tie_goes_to_allow_and_empty_disallow_allows() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /a\nAllow: /a\nDisallow:\n", "newsdesk")
    assert rules.allowed("http://x/a") and rules.allowed("http://x/b")


def test_percent_encoding_compared_decoded() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /caf%C3%A9/\n", "newsdesk")
    assert not rules.allowed("http://x/caf%c3%a9/menu")


def test_sitemap_lines_belong_to_no_group() -> None:
    text = "Sitemap: https://a.example/s1.xml\nUser-agent: x\nDisallow: /\nsitemap:https://a.example/s2.xml # c\n"
    assert parse_robots(text, "newsdesk").sitemaps == ("https://a.example/s1.xml", "https://a.example/s2.xml")


def test_product_token() -> None:
    assert product_token("newsdesk/0.1 (+https://example.org; polite)") == "newsdesk"


def test_cache_per_origin_and_status_meaning() -> None:
    answers = {"http://a.example/robots.txt": (200, "User-agent: *\nDisallow: /\n", None),
               "http://b.example/robots.txt": (404, "", None),
               "http://c.example/robots.txt": (503, "", "http 503"),
               "http://d.example/robots.txt": (None, "", "timeout")}
    asked: list[str] = []

    def load(url: str) -> tuple[int | None, str, str | None]:
        asked.append(url)
        return answers[url]

    cache = RobotsCache("newsdesk/0.1", load)
    assert not cache.allowed("http://a.example/x") and not cache.allowed("http://a.example/y")
    assert cache.allowed("http://b.example/x")
    assert cache.rules_for("http://c.example/x") == RobotsRules(disallow_all=True, failure="http 503")
    assert cache.rules_for("http://d.example/x").failure == "timeout"
    assert asked == list(answers)  # each origin asked once



def test_rate_limited_robots_txt_keeps_us_off(loopback, settings) -> None:  # type: ignore[no-untyped-def]
    """A 429 on robots.txt means "wait", not "no robots.txt": nothing else on the host is fetched."""
    from newsdesk.errors import FetchFailed
    from newsdesk.sources.fetch import Fetcher

    loopback.add("/robots.txt", "slow down", status=429, headers={"Retry-After": "3600"})
    loopback.add("/page", "<html><title>x</title></html>")
    with Fetcher(settings) as f, pytest.raises(FetchFailed) as info:
        f.fetch(loopback.url("/page"))
    assert info.value.reason == "http 429" and "robots.txt" in info.value.detail
    assert not loopback.hits("/page")


def test_a_pattern_of_many_wildcards_is_checked_in_linear_time() -> None:
    """A hostile robots.txt against a long URL from the same host: as a regex, "/*a*a*a*a*b"
    backtracked (this check took ~7 s; 250 a's, 20 s; 2,000, longer than any run)."""
    import time

    rules = parse_robots("User-agent: *\nDisallow: /*a*a*a*a*b\nDisallow: /*a*a*a*a*c$\n", "newsdesk")
    started = time.perf_counter()
    assert rules.allowed("https://news.example/" + "a" * 200)
    assert not rules.allowed("https://news.example/" + "a" * 200 + "c")
    assert rules.allowed("https://news.example/" + "a" * 2000 + "cd")
    assert time.perf_counter() - started < 1.0


def test_wildcard_matching_agrees_with_the_rfc_reading_on_every_small_case() -> None:
    """Piece-by-piece matching against RFC 9309's meaning (`*` any run, final `$` the end), written
    as a regex, over every pattern and path of a small alphabet."""
    import itertools
    import re

    from newsdesk.sources.robots import rule_matches

    def rfc(pattern: str, path: str) -> bool:
        anchored = pattern.endswith("$")
        body = pattern[:-1] if anchored else pattern
        return re.fullmatch(".*".join(map(re.escape, body.split("*"))) + ("" if anchored else ".*"),
                            path, re.S) is not None

    patterns = ["/" + "".join(p) + end for n in range(4) for p in itertools.product("ab*", repeat=n)
                for end in ("", "$")]
    paths = ["/" + "".join(p) for n in range(5) for p in itertools.product("ab", repeat=n)]
    wrong = [(pattern, path) for pattern in patterns for path in paths if rule_matches(pattern, path) != rfc(pattern, path)]
    assert not wrong, wrong[:10]
