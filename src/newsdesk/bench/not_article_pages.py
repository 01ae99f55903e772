"""Non-article pages written here, for the not-article benchmark: the shapes a crawler meets.

Each generated page is (page id, url, html, expected reason group). Their words come from the
corpus titles handed in (so the listings list real headlines) and from a small stock of
sentences written here; layout, counts and chrome vary with a seeded random generator so the
set is not one template repeated. None of these pages is tuned to a detector: they are what a
home page, a tag page, a 404 or a link farm look like on the open web.

Kinds: home, category, tag, search, error, login, paywall, link_farm.
"""

from __future__ import annotations

import html
import random
from collections.abc import Iterator

SITES = ("The Coastal Courier", "Daily Ledger", "Rheinischer Bote", "Le Petit Matin", "Metro Wire",
         "Valley Tribune", "Noticias del Sur", "Northern Post")
SECTIONS = ("World", "Politics", "Business", "Science", "Sport", "Culture", "Opinion", "Health",
            "Technology", "Local", "Weather", "Video")
BLURBS = (
    "Officials said the decision would be reviewed next month.",
    "The move follows weeks of talks between the two sides.",
    "Residents were told to expect delays through the weekend.",
    "Analysts expect the figures to be revised later this year.",
    "Here is what we know so far.",
    "The full report is due to be published on Friday.",
    "Critics say the plan does not go far enough.",
)
# Words a link farm strings into anchors and keyword titles (casino, pharmacy, loans, SEO).
SPAM_WORDS = ("casino", "online", "bonus", "free", "spins", "slots", "poker", "bet", "cheap", "pills",
              "viagra", "pharmacy", "loans", "payday", "credit", "crypto", "forex", "seo", "backlinks",
              "best", "2020", "buy", "discount", "replica", "watches", "dating", "vip", "jackpot", "win")


def _chrome(rng: random.Random, site: str) -> tuple[str, str]:
    """(header, footer) of a news site: a nav menu and a footer of service links."""
    sections = rng.sample(SECTIONS, rng.randint(5, len(SECTIONS)))
    nav = "".join(f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in sections)
    header = f'<header><a href="/" class="logo">{site}</a><nav><ul>{nav}</ul></nav></header>'
    footer = ('<footer><a href="/about">About us</a> <a href="/contact">Contact</a> '
              f'<a href="/privacy">Privacy</a> <p>© 2024 {site}</p></footer>')
    return header, footer


def _page(title: str, body: str, head: str = "", lang: str = "en") -> str:
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"{head}</head><body>{body}</body></html>")


def _slug(title: str) -> str:
    return "-".join("".join(c for c in w.lower() if c.isalnum()) for w in title.split()[:8])


def _teasers(rng: random.Random, titles: list[str], n: int) -> str:
    """Linked headlines, each with a date and, on some sites, a one-line blurb."""
    tag = rng.choice(("h2", "h3", "h4", "li", "div"))
    blurbs = rng.random() < 0.6
    out = []
    for title in rng.sample(titles, n):
        day = rng.randint(1, 28)
        link = f'<a href="/2024/05/{day:02d}/{_slug(title)}">{html.escape(title)}</a>'
        extra = f"<p>{rng.choice(BLURBS)}</p>" if blurbs else ""
        out.append(f'<div class="card"><{tag}>{link}</{tag}><time>May {day}, 2024</time>{extra}</div>')
    return "".join(out)


def home_page(rng: random.Random, titles: list[str], site: str) -> tuple[str, str]:
    header, footer = _chrome(rng, site)
    blocks = "".join(f"<section><h2>{s}</h2>{_teasers(rng, titles, rng.randint(3, 8))}</section>"
                     for s in rng.sample(SECTIONS, rng.randint(3, 6)))
    website = '{"@type": "WebSite", "name": "' + site + '"}'
    head = f'<script type="application/ld+json">{website}</script>' if rng.random() < 0.5 else ""
    title = f"{site} - News, analysis and opinion"
    return "https://www.example-news.org/", _page(title, header + blocks + footer, head)


def listing_page(rng: random.Random, titles: list[str], site: str, kind: str) -> tuple[str, str]:
    """A category, tag or search page: a heading, then teasers, sometimes numbered pages."""
    header, footer = _chrome(rng, site)
    words = [w.lower() for w in rng.choice(titles).split() if w.isalpha()]
    word = rng.choice(words) if words else "news"
    url, heading = {
        "category": (f"https://www.example-news.org/{rng.choice(SECTIONS).lower()}/", rng.choice(SECTIONS)),
        "tag": (f"https://www.example-news.org/tag/{word}/", f"Articles tagged “{word}”"),
        "search": (f"https://www.example-news.org/search?q={word}", f"Search results for “{word}”"),
    }[kind]
    pager = "".join(f'<a href="?page={i}">{i}</a>' for i in range(1, rng.randint(3, 10)))
    body = f"<main><h1>{heading}</h1>{_teasers(rng, titles, rng.randint(8, 25))}<nav>{pager}</nav></main>"
    return url, _page(f"{heading} | {site}", header + body + footer)


def error_page(rng: random.Random, titles: list[str], site: str) -> tuple[str, str]:
    header, footer = _chrome(rng, site)
    title, message = rng.choice((
        ("Page not found", "Sorry, the page you were looking for does not exist or has been moved."),
        ("404 Not Found", "The requested URL was not found on this server."),
        ("Error", "Something went wrong. Please try again later."),
        ("Seite nicht gefunden", "Die angeforderte Seite existiert leider nicht."),
    ))
    more = f"<h3>Popular now</h3>{_teasers(rng, titles, rng.randint(0, 5))}" if rng.random() < 0.5 else ""
    body = f"<main><h1>{title}</h1><p>{message}</p><a href='/'>Back to the home page</a>{more}</main>"
    url = f"https://www.example-news.org/{_slug(rng.choice(titles))}"
    return url, _page(f"{title} | {site}", header + body + footer)


def login_page(rng: random.Random, titles: list[str], site: str) -> tuple[str, str]:
    header, footer = _chrome(rng, site)
    form = ("<form><label>Email</label><input type='email' name='email'><label>Password</label>"
            "<input type='password' name='password'><button>Sign in</button></form>"
            "<a href='/forgot'>Forgot your password?</a> <a href='/register'>Create an account</a>")
    heading = rng.choice(("Sign in", "Log in to your account", "Welcome back", "Anmelden"))
    body = f"<main><h1>{heading}</h1>{form}</main>"
    return "https://www.example-news.org/account/login", _page(f"{heading} | {site}", header + body + footer)


def paywall_page(rng: random.Random, titles: list[str], site: str) -> tuple[str, str]:
    """A headline, one teaser sentence and a subscription wall: no article to extract."""
    header, footer = _chrome(rng, site)
    title = rng.choice(titles)
    body = (f"<main><article><h1>{html.escape(title)}</h1><p>{rng.choice(BLURBS)}</p>"
            "<div class='paywall'><h2>Subscribe to continue reading</h2><p>Get unlimited access for 1 € a week."
            "</p><a href='/subscribe'>Subscribe</a> <a href='/login'>Already a subscriber? Sign in</a></div>"
            "</article></main>")
    head = '<meta property="og:type" content="article">' if rng.random() < 0.5 else ""
    return f"https://www.example-news.org/2024/05/03/{_slug(title)}", _page(title, header + body + footer, head)


def _spam_phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(SPAM_WORDS) for _ in range(n))


def link_farm_page(rng: random.Random, titles: list[str], site: str) -> tuple[str, str]:
    """Keyword title, hundreds of links to other domains, and spun text made of real headlines' words."""
    keywords = ", ".join(_spam_phrase(rng, rng.randint(2, 4)) for _ in range(rng.randint(3, 6)))
    links = "".join(
        f'<a href="http://{_spam_phrase(rng, 2).replace(" ", "-")}{rng.randint(1, 999)}.com/">'
        f"{_spam_phrase(rng, 3)}</a> " for _ in range(rng.randint(60, 300)))
    words = [w for t in rng.sample(titles, 6) for w in t.split()]
    spun = " ".join(rng.choice(words) if rng.random() < 0.7 else rng.choice(SPAM_WORDS)
                    for _ in range(rng.randint(30, 120)))
    columns = rng.choice((f"<div>{links}</div><p>{spun}</p>", f"<p>{spun}</p><ul><li>{links}</li></ul>"))
    numbered = rng.random() < 0.5
    host = f"{rng.randint(100000, 999999)}.com" if numbered else f"{_spam_phrase(rng, 2).replace(' ', '')}.net"
    return f"http://{host}/{_slug(keywords)}.html", _page(keywords, f"<h1>{keywords.split(',')[0]}</h1>{columns}")


MAKERS = {
    "home": lambda rng, titles, site: home_page(rng, titles, site),
    "category": lambda rng, titles, site: listing_page(rng, titles, site, "category"),
    "tag": lambda rng, titles, site: listing_page(rng, titles, site, "tag"),
    "search": lambda rng, titles, site: listing_page(rng, titles, site, "search"),
    "error": error_page,
    "login": login_page,
    "paywall": paywall_page,
    "link_farm": link_farm_page,
}


def generate_pages(titles: list[str], per_kind: int = 8, seed: int = 0) -> Iterator[tuple[str, str, str, str]]:
    """(page id, url, html, kind) for `per_kind` pages of every kind in MAKERS."""
    rng = random.Random(seed)
    for kind, make in MAKERS.items():
        for i in range(per_kind):
            url, page = make(rng, titles, rng.choice(SITES))
            yield f"generated/{kind}-{i}", url, page, kind
