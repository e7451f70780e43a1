"""Performance indexes for the CMS's hot queries, all built CONCURRENTLY.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

Each index names the query it serves. Partial where the hot query always filters the same
way (live/published workshops, sessions with a location), covering (INCLUDE) where the
query reads a few more columns and an index-only scan saves the heap visit, composite in the
column order of equality first, then range/order. Covering indexes pay only once the
visibility map is set (autovacuum, or the VACUUM after a bulk load): until then an index-only
scan still visits the heap. The partial GIN index on live published workshops is one more
index on workshops' writes (an entry per non-HOT update of a published workshop; workshops
are read far more often than written).

Every build runs outside a transaction with statement_timeout off and takes only SHARE
UPDATE EXCLUSIVE: readers and writers keep going. A killed run leaves an INVALID index that
the re-run drops and builds again; a valid one built before is kept.

Locks: SHARE UPDATE EXCLUSIVE on each table during its builds (blocks no DML).

Data loss: none (the downgrade drops indexes only).
"""

from __future__ import annotations

from pgwarden.migrations import ops

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# (name, table, columns, options); the comment says which query each one serves
INDEXES: list[tuple[str, str, list[str], dict[str, object]]] = [
    # published listing: WHERE status = 'published' AND deleted_at IS NULL ORDER BY start_date
    ("workshops_status_start_date_idx", "workshops", ["status", "start_date"],
     {"where": "deleted_at IS NULL"}),
    # listing by theme and language: WHERE template_theme = $1 AND language = $2 (published)
    ("workshops_theme_language_start_idx", "workshops", ["template_theme", "language", "start_date"],
     {"where": "status = 'published' AND deleted_at IS NULL"}),
    # a facilitator's or admin's own workshops (and ON DELETE SET NULL of users)
    ("workshops_created_by_idx", "workshops", ["created_by"], {"where": "created_by IS NOT NULL"}),
    # a workshop's sessions in order: WHERE workshop_id = $1 ORDER BY order_index
    ("sessions_workshop_order_idx", "sessions", ["workshop_id", "order_index"],
     {"include": ["start_time", "end_time", "location_id"]}),
    ("sessions_location_id_idx", "sessions", ["location_id"], {"where": "location_id IS NOT NULL"}),
    # a session's modules in order (and ON DELETE CASCADE from sessions)
    ("modules_session_order_idx", "modules", ["session_id", "order_index"], {}),
    # a participant's enrollments by status: WHERE participant_id = $1 AND status = ANY($2);
    # covering (id, workshop_id, created_at): an index-only scan, no heap visit per enrollment
    ("enrollments_participant_status_idx", "enrollments", ["participant_id", "status"],
     {"include": ["workshop_id", "created_at", "id"]}),
    # a workshop's enrollments by status, newest first: WHERE workshop_id = $1 AND status = $2
    ("enrollments_workshop_status_created_idx", "enrollments",
     ["workshop_id", "status", "created_at"], {}),
    # responses per questionnaire over time: questions -> groups -> questionnaire, by date,
    # counting distinct respondents; covering (user_id): the dashboard aggregates tens of
    # thousands of responses per call, as an index-only scan instead of a heap visit each
    ("responses_question_created_idx", "responses", ["question_id", "created_at"],
     {"include": ["user_id"]}),
    ("responses_enrollment_id_idx", "responses", ["enrollment_id"],
     {"where": "enrollment_id IS NOT NULL"}),
    ("responses_user_id_idx", "responses", ["user_id"], {"where": "user_id IS NOT NULL"}),
    ("questions_group_order_idx", "questions", ["group_id", "order_index"], {}),
    ("question_groups_questionnaire_order_idx", "question_groups",
     ["questionnaire_id", "order_index"], {}),
    ("questionnaires_workshop_id_idx", "questionnaires", ["workshop_id"],
     {"where": "workshop_id IS NOT NULL"}),
    # audit trail of one record, newest first: WHERE table_name = $1 AND record_id = $2
    ("audit_logs_record_idx", "audit_logs", ["table_name", "record_id", "created_at DESC"], {}),
    # expiring sessions (WHERE expires_at in a window ORDER BY expires_at, reads id, user_id;
    # covering: index-only) and the clean-up (WHERE expires_at < now())
    ("user_sessions_expires_at_idx", "user_sessions", ["expires_at"], {"include": ["user_id", "id"]}),
    ("user_sessions_user_id_idx", "user_sessions", ["user_id"], {"include": ["expires_at"]}),
    # the public searches (search_vector @@ q AND status = 'published' AND deleted_at IS NULL,
    # best rank first): revision 0002's GIN index covers every workshop, so the search visits
    # the heap of drafts, archived and cancelled matches only to filter them out; this one
    # holds live published workshops only (about 60 % of the rows, the admin search keeps 0002's)
    ("workshops_search_published_idx", "workshops", ["search_vector"],
     {"using": "gin", "where": "status = 'published' AND deleted_at IS NULL"}),
    # reverse lookups of the link tables (their primary keys serve the forward direction)
    ("workshop_tags_tag_id_idx", "workshop_tags", ["tag_id"], {}),
    ("workshop_facilitators_facilitator_id_idx", "workshop_facilitators", ["facilitator_id"], {}),
]


def upgrade() -> None:
    for name, table, columns, options in INDEXES:
        ops.create_index_concurrently(name, table, columns, **options)  # type: ignore[arg-type]


def downgrade() -> None:
    for name, _table, _columns, _options in reversed(INDEXES):
        ops.drop_index_concurrently(name)
