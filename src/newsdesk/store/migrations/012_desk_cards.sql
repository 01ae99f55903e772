-- Listing cards rendered ahead of time (web/cards.py): the HTML of an article's card on the front
-- page and its `?before=` pages, with a placeholder where the relative time goes (filled per
-- request). Rendering 30 cards in Python was about half of an uncached listing page's CPU.
-- The desk fills missing cards in the background (its index keeper, and `newsdesk index`);
-- `version` names the rendering code a card came from, so cards from older code are ignored.
-- Any write to an article drops its card (a missing card is rendered per request instead), so a
-- stored card is never older than the row it shows.

CREATE TABLE IF NOT EXISTS desk_cards (
    id      INTEGER PRIMARY KEY,
    version INTEGER NOT NULL,
    html    TEXT NOT NULL
);

CREATE TRIGGER IF NOT EXISTS desk_cards_insert AFTER INSERT ON articles BEGIN
    DELETE FROM desk_cards WHERE id = new.id;
END;

CREATE TRIGGER IF NOT EXISTS desk_cards_update AFTER UPDATE ON articles BEGIN
    DELETE FROM desk_cards WHERE id = old.id OR id = new.id;
END;

CREATE TRIGGER IF NOT EXISTS desk_cards_delete AFTER DELETE ON articles BEGIN
    DELETE FROM desk_cards WHERE id = old.id;
END;
