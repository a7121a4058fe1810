-- Property listings, their images, and where each stands in approval and expiry (their workflows
-- keep it up to date). Portable between PostgreSQL 15 and H2 in PostgreSQL mode.

create table listings (
    id                uuid          primary key,
    -- The partner who owns it (a users.id). No foreign key: that table belongs to the user domain.
    owner_id          uuid          not null,
    title             varchar(200),
    description       varchar(10000),
    price             numeric(14, 2),
    currency          varchar(3),
    property_type     varchar(32),
    address           varchar(300),
    city              varchar(100),
    state             varchar(100),
    country           varchar(100),
    postal_code       varchar(20),
    lat               double precision,
    lng               double precision,
    bedrooms          integer,
    bathrooms         integer,
    area              numeric(12, 2),
    -- draft, pending_review, approved, rejected, expired, validation_failed, error (ListingStatus).
    status            varchar(20)   not null,
    -- From submit until the approval workflow ends: the content is under review and cannot change.
    in_review         boolean       not null,
    quality_score     numeric(3, 2),
    -- The automated checks' findings and the validation rules broken, one per line.
    quality_issues    varchar(4000),
    validation_errors varchar(4000),
    review_comment    varchar(2000),
    -- The reviewer who decided; null for a decision taken by the timeout.
    reviewed_by       uuid,
    -- The expiry the partner asked for; null means platform.listing.active-days after approval.
    requested_expires_at timestamp with time zone,
    submitted_at      timestamp with time zone,
    decision_deadline timestamp with time zone,
    reviewed_at       timestamp with time zone,
    published_at      timestamp with time zone,
    expires_at        timestamp with time zone,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    constraint listings_status check (status in
        ('draft', 'pending_review', 'approved', 'rejected', 'expired', 'validation_failed', 'error')),
    constraint listings_quality_score check (quality_score between 0 and 1)
);

create index listings_owner_created on listings (owner_id, created_at);
create index listings_status_submitted on listings (status, submitted_at);

create table listing_images (
    listing_id uuid          not null references listings (id) on delete cascade,
    position   integer       not null,
    url        varchar(2048) not null,
    primary key (listing_id, position)
);
