-- Subscriptions: the plans customers subscribe to, one row per subscription (its workflow keeps it
-- up to date), and subscription charges in the payments ledger. Portable between PostgreSQL 15 and
-- H2 in PostgreSQL mode.

create table plans (
    id             varchar(64)    primary key,
    name           varchar(200)   not null,
    amount         numeric(12, 2) not null,
    currency       varchar(3)     not null,
    -- weekly, monthly, yearly (BillingPeriod).
    billing_period varchar(16)    not null,
    created_at     timestamp with time zone not null,
    constraint plans_amount_positive check (amount > 0),
    constraint plans_billing_period check (billing_period in ('weekly', 'monthly', 'yearly'))
);

create table subscriptions (
    id                   uuid        primary key,
    -- The customer (a users.id). No foreign key: that table belongs to the user domain.
    user_id              uuid        not null,
    plan_id              varchar(64) not null references plans (id),
    -- The plan it changes to from the next period.
    next_plan_id         varchar(64) references plans (id),
    -- active, past_due, suspended, paused, cancelled, expired (SubscriptionStatus).
    status               varchar(16) not null,
    payment_method_type  varchar(32) not null,
    workflow_id          varchar(100) not null,
    -- The Idempotency-Key of the request that created it, if it had one.
    idempotency_key      varchar(255),
    periods_paid         integer     not null,
    paid_through         timestamp with time zone,
    next_charge_at       timestamp with time zone,
    failed_attempts      integer     not null,
    cancel_at_period_end boolean     not null,
    last_failure         varchar(1000),
    -- The workflow's count of changes: an older copy of its state never overwrites a newer one.
    revision             bigint      not null,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    ended_at             timestamp with time zone,
    constraint subscriptions_status check
        (status in ('active', 'past_due', 'suspended', 'paused', 'cancelled', 'expired')),
    constraint subscriptions_idempotency_key unique (user_id, idempotency_key)
);

create index subscriptions_user_created on subscriptions (user_id, created_at);

-- A ledger entry belongs to an order or to a subscription.
alter table payment_ledger add column subscription_id uuid references subscriptions (id);
alter table payment_ledger alter column order_id drop not null;
alter table payment_ledger add constraint payment_ledger_one_owner
    check ((order_id is null and subscription_id is not null) or (order_id is not null and subscription_id is null));

create index payment_ledger_subscription on payment_ledger (subscription_id, created_at);
