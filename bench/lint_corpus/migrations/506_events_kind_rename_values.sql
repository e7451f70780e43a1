-- The tracker renamed "view" to "page_view"; bring history in line.
UPDATE events SET kind = 'page_view' WHERE kind = 'view';
