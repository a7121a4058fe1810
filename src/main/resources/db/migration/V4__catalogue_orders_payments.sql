-- The payment domain: catalogue, orders, inventory reservations, the payments ledger, fulfilment
-- requests with their outbound events, and the sandbox gateway's memory. Portable between
-- PostgreSQL 15 and H2 in PostgreSQL mode.

create table products (
    sku        varchar(64)    primary key,
    name       varchar(200)   not null,
    price      numeric(12, 2) not null,
    currency   varchar(3)     not null,
    -- Units new orders can reserve; units held for orders in payment are not counted.
    stock      integer        not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint products_price_positive check (price > 0),
    constraint products_stock_not_negative check (stock >= 0)
);

create table orders (
    id                      uuid           primary key,
    -- The buyer (a users.id). No foreign key: that table belongs to the user domain.
    user_id                 uuid           not null,
    amount                  numeric(12, 2) not null,
    currency                varchar(3)     not null,
    -- pending, awaiting_payment_method, paid, payment_failed, cancelled, refunded (OrderStatus).
    status                  varchar(32)    not null,
    -- Set when a payment was started; the Idempotency-Key of that request, if it had one.
    payment_workflow_id     varchar(100),
    payment_idempotency_key varchar(255),
    transaction_id          varchar(128),
    failure_code            varchar(64),
    failure_message         varchar(1000),
    created_at              timestamp with time zone not null,
    updated_at              timestamp with time zone not null
);

create index orders_user_created on orders (user_id, created_at);
create index orders_created on orders (created_at);

create table order_items (
    order_id   uuid           not null references orders (id) on delete cascade,
    sku        varchar(64)    not null references products (sku),
    quantity   integer        not null,
    unit_price numeric(12, 2) not null,
    primary key (order_id, sku),
    constraint order_items_quantity_positive check (quantity > 0)
);

-- Stock taken for one order: held while the payment runs (until expires_at at the latest),
-- committed once paid, released when the payment fails, is cancelled or refunded.
create table inventory_reservations (
    order_id    uuid        not null references orders (id),
    sku         varchar(64) not null references products (sku),
    quantity    integer     not null,
    status      varchar(16) not null,
    expires_at  timestamp with time zone not null,
    created_at  timestamp with time zone not null,
    released_at timestamp with time zone,
    primary key (order_id, sku),
    constraint inventory_reservations_status check (status in ('held', 'committed', 'released'))
);

-- Every charge and refund that went through a gateway; the idempotency key makes it once.
create table payment_ledger (
    id                uuid           primary key,
    order_id          uuid           not null references orders (id),
    kind              varchar(16)    not null,
    amount            numeric(12, 2) not null,
    currency          varchar(3)     not null,
    gateway           varchar(32)    not null,
    gateway_reference varchar(128)   not null,
    idempotency_key   varchar(255)   not null,
    payment_method    varchar(32),
    created_at        timestamp with time zone not null,
    constraint payment_ledger_idempotency_key_unique unique (idempotency_key),
    constraint payment_ledger_kind check (kind in ('charge', 'refund'))
);

create index payment_ledger_order on payment_ledger (order_id);

create table fulfilment_requests (
    order_id     uuid        primary key references orders (id),
    status       varchar(32) not null,
    requested_at timestamp with time zone not null
);

-- Outbox: events for other systems, written in the transaction of the change they announce and
-- published later by a relay, which sets published_at.
create table outbound_events (
    id           uuid          primary key,
    event_type   varchar(64)   not null,
    aggregate_id varchar(64)   not null,
    payload      varchar(4000) not null,
    created_at   timestamp with time zone not null,
    published_at timestamp with time zone,
    constraint outbound_events_once unique (event_type, aggregate_id)
);

-- What the sandbox gateway answered per idempotency key, kept like a real gateway keeps it, so a
-- repeated request gets the same answer even after a restart.
create table sandbox_gateway_requests (
    idempotency_key  varchar(255)   primary key,
    operation        varchar(16)    not null,
    outcome          varchar(16)    not null,
    reference        varchar(128),
    decline_code     varchar(64),
    message          varchar(500),
    amount           numeric(12, 2) not null,
    currency         varchar(3)     not null,
    -- For refunds: the charge refunded.
    charge_reference varchar(128),
    created_at       timestamp with time zone not null,
    constraint sandbox_gateway_requests_operation check (operation in ('charge', 'refund')),
    constraint sandbox_gateway_requests_outcome check (outcome in ('succeeded', 'declined'))
);

create index sandbox_gateway_requests_charge on sandbox_gateway_requests (charge_reference);
