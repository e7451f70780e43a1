-- The 'view' event was renamed to 'page_view' in the tracker
UPDATE events SET kind = 'page_view' WHERE kind = 'view';
