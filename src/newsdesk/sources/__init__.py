"""Sources discover and fetch pages. They yield `RawPage` records and never parse articles.

- files.py     local files and folders (HTML, gzipped HTML, text scrapes, saved feeds/sitemaps, WARC)
- warc.py      WARC/ARC response records
- fetch.py     the polite, safe HTTP fetcher (robots.txt, per-host delay, size and redirect caps)
               under it transport.py (guarded transport, deadline) and decoding.py (bounded Content-Encoding)
- feeds.py     RSS/Atom parsing (JSON Feed: jsonfeed.py; both make feed_records.Feed);
               sitemaps.py: sitemaps, sitemap indexes, Google News sitemaps
- web.py       a URL given by the user: article page, feed, sitemap or site home page
"""
