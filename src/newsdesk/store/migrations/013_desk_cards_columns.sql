-- A stored listing card (012) shows only these columns of its article: writes to any other
-- (story assignment, last_seen on a re-fetch, entity and event data) keep the card, where
-- 012's first trigger dropped it on every write and left whole listings to be rendered again.

DROP TRIGGER IF EXISTS desk_cards_update;

CREATE TRIGGER IF NOT EXISTS desk_cards_update
AFTER UPDATE OF id, kind, title, site_name, authors, categories, published, first_seen, language, excerpt
ON articles BEGIN
    DELETE FROM desk_cards WHERE id = old.id OR id = new.id;
END;
