-- The frontend now sends 'page_view'; rename the old 'view' kind in stored events.
UPDATE events SET kind = 'page_view' WHERE kind = 'view';
