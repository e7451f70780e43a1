-- Revision 0001 (up): the WorkshopsAI CMS core schema. Tables only (keys, foreign keys,
-- CHECK constraints); the indexes the hot queries need come in revision 0004. Conventions:
-- snake_case, timestamptz, uuid keys from gen_random_uuid() (core since PostgreSQL 13),
-- integer counts, CHECK constraints instead of enum types (adding a value to a CHECK is a
-- NOT VALID + VALIDATE away; an enum value cannot be removed at all), bilingual text as
-- jsonb {"pl": ..., "en": ...}.

CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL,
    display_name text NOT NULL DEFAULT '',
    password_hash text,
    role text NOT NULL DEFAULT 'participant',
    preferred_language text NOT NULL DEFAULT 'pl',
    is_active boolean NOT NULL DEFAULT true,
    last_login_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_email_check CHECK (position('@' IN email) > 1),
    CONSTRAINT users_role_check CHECK (role IN ('participant', 'facilitator', 'moderator',
                                                'sociologist-editor', 'admin')),
    CONSTRAINT users_preferred_language_check CHECK (preferred_language IN ('pl', 'en'))
);

CREATE TABLE locations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    address text,
    city text,
    country text NOT NULL DEFAULT 'PL',
    capacity integer,
    is_online boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT locations_country_check CHECK (country ~ '^[A-Z]{2}$'),
    CONSTRAINT locations_capacity_check CHECK (capacity IS NULL OR capacity >= 0)
);

CREATE TABLE workshops (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL,
    title jsonb NOT NULL,
    subtitle jsonb,
    description jsonb,
    short_description jsonb,
    status text NOT NULL DEFAULT 'draft',
    start_date timestamptz,
    end_date timestamptz,
    seat_limit integer,
    seat_reserved integer NOT NULL DEFAULT 0,
    enable_waiting_list boolean NOT NULL DEFAULT false,
    template_theme text NOT NULL DEFAULT 'default',
    language text NOT NULL DEFAULT 'pl',
    price numeric(10, 2) NOT NULL DEFAULT 0,
    currency text NOT NULL DEFAULT 'PLN',
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    published_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    CONSTRAINT workshops_slug_key UNIQUE (slug),
    CONSTRAINT workshops_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT workshops_title_check CHECK (jsonb_typeof(title) = 'object'),
    CONSTRAINT workshops_status_check CHECK (status IN ('draft', 'published', 'archived',
                                                        'cancelled')),
    CONSTRAINT workshops_dates_check CHECK (end_date IS NULL OR start_date IS NULL
                                            OR end_date >= start_date),
    CONSTRAINT workshops_seat_limit_check CHECK (seat_limit IS NULL OR seat_limit >= 0),
    CONSTRAINT workshops_seat_reserved_check CHECK (seat_reserved >= 0),
    CONSTRAINT workshops_language_check CHECK (language IN ('pl', 'en')),
    CONSTRAINT workshops_price_check CHECK (price >= 0),
    CONSTRAINT workshops_currency_check CHECK (currency ~ '^[A-Z]{3}$')
);

CREATE TABLE sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workshop_id uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    title jsonb NOT NULL DEFAULT '{}',
    description jsonb,
    start_time timestamptz NOT NULL,
    end_time timestamptz NOT NULL,
    order_index integer NOT NULL DEFAULT 0,
    location_id uuid REFERENCES locations (id) ON DELETE SET NULL,
    max_participants integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sessions_times_check CHECK (end_time >= start_time),
    CONSTRAINT sessions_order_index_check CHECK (order_index >= 0),
    CONSTRAINT sessions_max_participants_check CHECK (max_participants IS NULL
                                                      OR max_participants >= 0)
);

CREATE TABLE modules (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    type text NOT NULL,
    content jsonb NOT NULL DEFAULT '{}',
    order_index integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT modules_type_check CHECK (type IN ('text', 'video', 'presentation', 'exercise',
                                                  'discussion', 'questionnaire', 'break',
                                                  'file')),
    CONSTRAINT modules_order_index_check CHECK (order_index >= 0)
);

CREATE TABLE enrollments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workshop_id uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    participant_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'pending',
    payment_status text NOT NULL DEFAULT 'unpaid',
    attendance jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT enrollments_workshop_participant_key UNIQUE (workshop_id, participant_id),
    CONSTRAINT enrollments_status_check CHECK (status IN ('pending', 'confirmed', 'waitlisted',
                                                          'cancelled', 'completed')),
    CONSTRAINT enrollments_payment_status_check CHECK (payment_status IN (
        'unpaid', 'pending', 'paid', 'refunded', 'waived'))
);

CREATE TABLE questionnaires (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workshop_id uuid REFERENCES workshops (id) ON DELETE CASCADE,
    title jsonb NOT NULL,
    description jsonb,
    is_active boolean NOT NULL DEFAULT true,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE question_groups (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    questionnaire_id uuid NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    title jsonb NOT NULL DEFAULT '{}',
    order_index integer NOT NULL DEFAULT 0,
    CONSTRAINT question_groups_order_index_check CHECK (order_index >= 0)
);

CREATE TABLE questions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    group_id uuid NOT NULL REFERENCES question_groups (id) ON DELETE CASCADE,
    text jsonb NOT NULL,
    type text NOT NULL,
    options jsonb,
    is_required boolean NOT NULL DEFAULT false,
    order_index integer NOT NULL DEFAULT 0,
    CONSTRAINT questions_type_check CHECK (type IN ('text', 'textarea', 'single_choice',
                                                    'multiple_choice', 'scale', 'rating',
                                                    'yes_no')),
    CONSTRAINT questions_order_index_check CHECK (order_index >= 0)
);

CREATE TABLE responses (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    question_id uuid NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    -- a user's erasure keeps anonymous answers (SET NULL); an enrollment's removal too
    user_id uuid REFERENCES users (id) ON DELETE SET NULL,
    enrollment_id uuid REFERENCES enrollments (id) ON DELETE SET NULL,
    answer jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE feedback (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workshop_id uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    user_id uuid REFERENCES users (id) ON DELETE SET NULL,
    rating smallint NOT NULL,
    comment text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT feedback_rating_check CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT feedback_workshop_user_key UNIQUE (workshop_id, user_id)
);

CREATE TABLE tags (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL,
    name jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tags_slug_key UNIQUE (slug)
);

CREATE TABLE workshop_tags (
    workshop_id uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (workshop_id, tag_id)
);

CREATE TABLE facilitators (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- external facilitators have no account; an erased account keeps the public profile
    user_id uuid REFERENCES users (id) ON DELETE SET NULL,
    display_name text NOT NULL,
    bio jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT facilitators_user_id_key UNIQUE (user_id)
);

CREATE TABLE workshop_facilitators (
    workshop_id uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    facilitator_id uuid NOT NULL REFERENCES facilitators (id) ON DELETE CASCADE,
    role text NOT NULL DEFAULT 'lead',
    PRIMARY KEY (workshop_id, facilitator_id),
    CONSTRAINT workshop_facilitators_role_check CHECK (role IN ('lead', 'assistant', 'guest'))
);

-- Append-only and high-volume: a bigint identity key (ordered, 8 bytes) instead of a uuid,
-- and no foreign keys, so erasing a user or deleting a record never rewrites the history.
CREATE TABLE audit_logs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name text NOT NULL,
    record_id uuid NOT NULL,
    operation text NOT NULL,
    old_values jsonb,
    new_values jsonb,
    changed_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT audit_logs_operation_check CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE'))
);

CREATE TABLE user_sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash text NOT NULL,
    ip_address inet,
    user_agent text,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz,
    expires_at timestamptz NOT NULL,
    CONSTRAINT user_sessions_token_hash_key UNIQUE (token_hash),
    CONSTRAINT user_sessions_expiry_check CHECK (expires_at > created_at)
);
