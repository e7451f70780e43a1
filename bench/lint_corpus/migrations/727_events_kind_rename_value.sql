-- The tracker renamed 'view' to 'page_view'; update history to match.
UPDATE events SET kind = 'page_view' WHERE kind = 'view';
