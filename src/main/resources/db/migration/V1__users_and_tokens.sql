-- Accounts, their roles and rotating refresh tokens. Portable between PostgreSQL 15 and H2 in
-- PostgreSQL mode.

create table users (
    id            uuid primary key,
    -- Stored lower-cased, so the plain unique constraint is case-insensitive.
    email         varchar(254) not null,
    password_hash varchar(255) not null,
    name          varchar(200) not null,
    phone         varchar(32),
    -- Lifecycle state ('active', 'disabled'); free text so onboarding can add states without a
    -- migration. The application owns the list (UserStatus).
    status        varchar(32)  not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    constraint users_email_unique unique (email),
    constraint users_email_lower_case check (email = lower(email))
);

create index users_created_at on users (created_at);

create table user_roles (
    user_id uuid        not null references users (id) on delete cascade,
    role    varchar(32) not null,
    primary key (user_id, role)
);

-- One row per issued refresh token. Only the SHA-256 of the token is kept. Tokens issued by one
-- login and its rotations share a family, which is revoked as a whole on logout or reuse.
create table refresh_tokens (
    id         uuid primary key,
    token_hash varchar(64) not null,
    family_id  uuid        not null,
    user_id    uuid        not null references users (id) on delete cascade,
    issued_at  timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    -- Set when the token was exchanged for a new pair; presenting it again is reuse.
    used_at    timestamp with time zone,
    revoked_at timestamp with time zone,
    constraint refresh_tokens_hash_unique unique (token_hash)
);

create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_user on refresh_tokens (user_id);
