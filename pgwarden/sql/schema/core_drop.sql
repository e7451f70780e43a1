-- Revision 0001 (down): drop every core table (children first). Destroys all CMS data.
DROP TABLE IF EXISTS user_sessions, audit_logs, workshop_facilitators, facilitators,
    workshop_tags, tags, feedback, responses, questions, question_groups, questionnaires,
    enrollments, modules, sessions, workshops, locations, users;
