-- Parameter pools for the CMS workload drawn from the data (pool, kind, id, txt): for workshops,
-- participants, questionnaires and audited records the 20 busiest ('popular') and a sample of
-- 200 ordered by a hash of the seed ('rare': mostly quiet ones; another seed samples others);
-- template theme/language pairs ('popular' the 3 commonest, 'rare' the rest, txt 'theme/language').
(SELECT 'workshop' AS pool, 'popular' AS kind, workshop_id AS id, NULL::text AS txt
 FROM enrollments GROUP BY workshop_id ORDER BY count(*) DESC, workshop_id LIMIT 20)
UNION ALL
(SELECT 'workshop', 'rare', id, NULL FROM workshops ORDER BY md5(%(seed)s || id::text) LIMIT 200)
UNION ALL
(SELECT 'participant', 'popular', participant_id, NULL
 FROM enrollments GROUP BY participant_id ORDER BY count(*) DESC, participant_id LIMIT 20)
UNION ALL
(SELECT 'participant', 'rare', id, NULL FROM users WHERE role = 'participant'
 ORDER BY md5(%(seed)s || id::text) LIMIT 200)
UNION ALL
(SELECT 'questionnaire', 'popular', g.questionnaire_id, NULL
 FROM responses r JOIN questions q ON q.id = r.question_id JOIN question_groups g ON g.id = q.group_id
 GROUP BY g.questionnaire_id ORDER BY count(*) DESC, g.questionnaire_id LIMIT 20)
UNION ALL
(SELECT 'questionnaire', 'rare', id, NULL FROM questionnaires ORDER BY md5(%(seed)s || id::text) LIMIT 200)
UNION ALL
(SELECT 'audit_record', 'popular', record_id, table_name
 FROM audit_logs GROUP BY table_name, record_id ORDER BY count(*) DESC, record_id LIMIT 20)
UNION ALL
(SELECT 'audit_record', 'rare', record_id, table_name FROM audit_logs
 ORDER BY md5(%(seed)s || id::text) LIMIT 200)
UNION ALL
(SELECT 'theme_language', CASE WHEN row_number() OVER (ORDER BY count(*) DESC) <= 3 THEN 'popular' ELSE 'rare' END,
        NULL, template_theme || '/' || language
 FROM workshops WHERE status = 'published' GROUP BY template_theme, language);
