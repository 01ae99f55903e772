"""Keyword spam with few links and no sentence: refused in any script, and prose in any script kept.

The Common Crawl lottery listing of the corpus ("- 2020-04-09 admin 1379426黄大仙资料中心 提高自身业务水平",
276 words of such lines, link share 0.40) was stored as an article and made a story of its own: the
link-farm rules wanted nearly all text in links, and the model gave it 0.47. Chinese prose, for its
part, counted no sentence end at all: its full stops have no space after them."""

from __future__ import annotations

import random

from newsdesk.extract import extract
from newsdesk.records import RawPage


def _page(title: str, body: str, lang: str) -> bytes:
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><div class="nav"><a href="/">Главная</a> <a href="/a">Архив</a></div>'
            f"<div class=\"content\">{body}</div></body></html>").encode()


def test_a_page_of_keyword_lines_without_one_sentence_is_not_an_article() -> None:
    rng = random.Random(4)
    words = ["казино", "ставки", "бонус", "онлайн", "слоты", "выигрыш", "рулетка", "покер", "джекпот", "зеркало"]
    lines = "".join(f"<p>2020-03-{rng.randint(10, 28)} admin {rng.randint(50, 999)} "
                    + " ".join(rng.choice(words) for _ in range(7)) + "</p>" for _ in range(40))
    got = extract(RawPage(body=_page("казино онлайн_Главная", lines, "ru"), origin="x",
                          url="http://casino.example/list_6_4.html"))
    assert (got.kind, got.reason) == ("not_article", "not an article: link farm")


def test_chinese_prose_with_full_stops_and_no_spaces_stays_an_article() -> None:
    sentences = ["市政府周二召开会议，讨论明年的城市预算。", "议员们就道路、学校和图书馆的经费争论了几个小时。",
                 "最后，预算以十二票赞成、三票反对获得通过。", "市长表示，新的预算将优先用于公共交通。",
                 "一些居民对图书馆经费的削减表示不满！", "反对者问道：这样的安排是否公平？"]
    body = "".join(f"<p>{''.join(sentences[(i + j) % len(sentences)] for j in range(5))}</p>" for i in range(6))
    got = extract(RawPage(body=_page("市议会通过明年预算", body, "zh"), origin="x",
                          url="http://news.example/2024/05/budget.html"))
    assert got.kind == "article", got.reason


def test_the_corpus_lottery_listing_lands_in_not_articles_with_its_reason(cc_excerpt_refused: dict[str, str]) -> None:
    refused = cc_excerpt_refused
    # what the desk's /not-articles lists, with the reason it gives
    assert refused.get("http://041696.com/15477/list_6_4.html") == "not an article: link farm", refused
