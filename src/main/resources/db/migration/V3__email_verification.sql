-- E-mail verification links sent during onboarding. Only the SHA-256 of a link's token is kept.
-- A token is single-use, expires, and belongs to the user and the onboarding run that sent it.

create table email_verification_tokens (
    id          uuid primary key,
    token_hash  varchar(64)  not null,
    user_id     uuid         not null references users (id) on delete cascade,
    workflow_id varchar(200) not null,
    run_id      varchar(64)  not null,
    issued_at   timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    -- Set when the link was followed.
    used_at     timestamp with time zone,
    -- Set when a newer link replaced it or another link verified the address.
    revoked_at  timestamp with time zone,
    constraint email_verification_tokens_hash_unique unique (token_hash)
);

create index email_verification_tokens_user on email_verification_tokens (user_id);
