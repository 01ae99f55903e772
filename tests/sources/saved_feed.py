"""A saved RSS file of two full harbour stories, as the sources tests ingest it."""

PARAGRAPH = ("<p>The harbour board met on Tuesday and agreed to rebuild the old pier before the winter"
             " storms, the chairman said after the vote. Fishermen who use the pier told him the repairs"
             " could not wait another year.</p>") * 8
ITEM = ("<item><title>Story {n} about the harbour</title><link>https://news.example/story-{n}</link>"
        "<pubDate>Tue, 02 Jun 2009 10:00:00 GMT</pubDate><description><![CDATA[{body}]]></description></item>")
SAVED_FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour news</title>'
              + "".join(ITEM.format(n=n, body=PARAGRAPH) for n in range(2)) + "</channel></rss>")
