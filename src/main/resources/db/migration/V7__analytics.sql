-- The analytics domain: generated reports, clean-up runs and reminders. Portable between
-- PostgreSQL 15 and H2 in PostgreSQL mode.

-- One row per report run: where its files are and whom it was sent to.
create table reports (
    id          uuid         primary key,
    -- The run that produced it (report-{id}, or daily-report-{time} for the schedule's runs).
    workflow_id varchar(200) not null,
    -- sales, platform, performance (ReportType).
    type        varchar(16)  not null,
    period_from timestamp with time zone not null,
    period_to   timestamp with time zone not null,
    -- File names inside platform.report.directory.
    pdf_file    varchar(300) not null,
    pdf_bytes   bigint       not null,
    csv_file    varchar(300) not null,
    csv_bytes   bigint       not null,
    created_at  timestamp with time zone not null,
    -- Set once the e-mail went out; the note says to whom, or why without the attachment.
    emailed_at  timestamp with time zone,
    email_note  varchar(2000),
    constraint reports_workflow_unique unique (workflow_id)
);

create index reports_created on reports (created_at);

-- One row per clean-up run and type: the log of what was removed and where its backup is.
create table cleanup_runs (
    workflow_id varchar(200) not null,
    -- sessions, notifications, logs, temp_files (CleanupType).
    type        varchar(16)  not null,
    dry_run     boolean      not null,
    cutoff      timestamp with time zone not null,
    identified  bigint       not null,
    deleted     bigint       not null,
    backup_dir  varchar(500),
    finished_at timestamp with time zone not null,
    primary key (workflow_id, type)
);

-- Reminders: each waits in its workflow, reminder-{id}, until remind_at.
create table reminders (
    id              uuid          primary key,
    -- The recipient (a users.id) and who set it (the same user, or an admin). No foreign keys:
    -- that table belongs to the user domain.
    user_id         uuid          not null,
    created_by      uuid          not null,
    -- general, payment (ReminderType).
    type            varchar(16)   not null,
    message         varchar(2000) not null,
    remind_at       timestamp with time zone not null,
    -- Comma-separated channel keys (email,in_app,webhook); empty for the user's preferences.
    channels        varchar(64)   not null,
    -- The subscription a payment reminder is about.
    subscription_id uuid,
    -- scheduled, sent, dropped, cancelled (ReminderStatus).
    status          varchar(16)   not null,
    status_reason   varchar(500),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint reminders_status check (status in ('scheduled', 'sent', 'dropped', 'cancelled'))
);

create index reminders_user_remind_at on reminders (user_id, remind_at);
