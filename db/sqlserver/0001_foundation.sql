-- 0001 foundation: reference data (counties, organisations), Identity (users, roles, recovery codes),
-- server-side sign-in sessions, Data Protection keys, invitations, outgoing e-mail, the journal.
-- Batches are separated by GO lines; the runner executes all of them in one transaction.

CREATE TABLE counties (
    code NVARCHAR(2) NOT NULL PRIMARY KEY,
    name NVARCHAR(100) NOT NULL
);

CREATE TABLE organisations (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    kind NVARCHAR(40) NOT NULL CHECK (kind IN ('Municipality', 'Region', 'CentralPurchasingBody', 'Supplier')),
    name NVARCHAR(200) NOT NULL,
    organisation_number NVARCHAR(11) NULL,
    municipality_code NVARCHAR(4) NULL,
    region_county_code NVARCHAR(2) NULL,
    county_code NVARCHAR(2) NULL REFERENCES counties (code),
    created_at DATETIMEOFFSET NOT NULL
);
CREATE UNIQUE INDEX ux_organisations_organisation_number ON organisations (organisation_number) WHERE organisation_number IS NOT NULL;
CREATE UNIQUE INDEX ux_organisations_municipality_code ON organisations (municipality_code) WHERE municipality_code IS NOT NULL;
CREATE UNIQUE INDEX ux_organisations_region_county_code ON organisations (region_county_code) WHERE region_county_code IS NOT NULL;
CREATE INDEX ix_organisations_kind_name ON organisations (kind, name);

CREATE TABLE roles (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    name NVARCHAR(256) NOT NULL,
    normalized_name NVARCHAR(256) NOT NULL UNIQUE,
    concurrency_stamp NVARCHAR(64) NOT NULL
);
INSERT INTO roles (id, name, normalized_name, concurrency_stamp) VALUES
    ('6a1f0c8e-0001-4c6e-9a52-3c1d2f000001', 'Administrator', 'ADMINISTRATOR', 'seed'),
    ('6a1f0c8e-0001-4c6e-9a52-3c1d2f000002', 'ProcurementOfficer', 'PROCUREMENTOFFICER', 'seed'),
    ('6a1f0c8e-0001-4c6e-9a52-3c1d2f000003', 'MunicipalityRepresentative', 'MUNICIPALITYREPRESENTATIVE', 'seed'),
    ('6a1f0c8e-0001-4c6e-9a52-3c1d2f000004', 'Supplier', 'SUPPLIER', 'seed');

CREATE TABLE users (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisations (id),
    user_name NVARCHAR(256) NOT NULL,
    normalized_user_name NVARCHAR(256) NOT NULL UNIQUE,
    email NVARCHAR(256) NOT NULL,
    normalized_email NVARCHAR(256) NOT NULL UNIQUE,
    email_confirmed BIT NOT NULL DEFAULT 0,
    display_name NVARCHAR(200) NOT NULL,
    password_hash NVARCHAR(400) NULL,
    security_stamp NVARCHAR(64) NOT NULL,
    concurrency_stamp NVARCHAR(64) NOT NULL,
    two_factor_enabled BIT NOT NULL DEFAULT 0,
    authenticator_key NVARCHAR(400) NULL,
    last_totp_step BIGINT NULL,
    lockout_enabled BIT NOT NULL DEFAULT 1,
    lockout_end DATETIMEOFFSET NULL,
    access_failed_count INT NOT NULL DEFAULT 0,
    created_at DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_users_organisation ON users (organisation_id);

CREATE TABLE user_roles (
    user_id UNIQUEIDENTIFIER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id UNIQUEIDENTIFIER NOT NULL REFERENCES roles (id),
    PRIMARY KEY (user_id, role_id)
);

CREATE TABLE user_recovery_codes (
    user_id UNIQUEIDENTIFIER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash NVARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE auth_sessions (
    id NVARCHAR(64) NOT NULL PRIMARY KEY,
    user_id UNIQUEIDENTIFIER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ticket VARBINARY(MAX) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    last_seen_at DATETIMEOFFSET NOT NULL,
    expires_at DATETIMEOFFSET NOT NULL,
    ip_address NVARCHAR(64) NULL,
    user_agent NVARCHAR(400) NULL
);
CREATE INDEX ix_auth_sessions_user ON auth_sessions (user_id);

CREATE TABLE data_protection_keys (
    id INT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    friendly_name NVARCHAR(200) NULL,
    xml NVARCHAR(MAX) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL
);

CREATE TABLE invitations (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    email NVARCHAR(256) NOT NULL,
    normalized_email NVARCHAR(256) NOT NULL,
    organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisations (id),
    role NVARCHAR(64) NOT NULL,
    token_hash NVARCHAR(64) NOT NULL UNIQUE,
    invited_by_user_id UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    created_at DATETIMEOFFSET NOT NULL,
    expires_at DATETIMEOFFSET NOT NULL,
    accepted_at DATETIMEOFFSET NULL,
    accepted_user_id UNIQUEIDENTIFIER NULL REFERENCES users (id),
    revoked_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_invitations_created ON invitations (created_at);

CREATE TABLE outgoing_emails (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    to_address NVARCHAR(256) NOT NULL,
    subject NVARCHAR(400) NOT NULL,
    text_body NVARCHAR(MAX) NOT NULL,
    html_body NVARCHAR(MAX) NULL,
    created_at DATETIMEOFFSET NOT NULL,
    attempts INT NOT NULL DEFAULT 0,
    next_attempt_at DATETIMEOFFSET NOT NULL,
    sent_at DATETIMEOFFSET NULL,
    last_error NVARCHAR(2000) NULL
);
CREATE INDEX ix_outgoing_emails_due ON outgoing_emails (sent_at, next_attempt_at);

CREATE TABLE journal (
    id BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    occurred_at DATETIMEOFFSET NOT NULL,
    actor_user_id UNIQUEIDENTIFIER NULL,
    action NVARCHAR(100) NOT NULL,
    entity_type NVARCHAR(100) NOT NULL,
    entity_id NVARCHAR(100) NOT NULL,
    before_json NVARCHAR(MAX) NULL,
    after_json NVARCHAR(MAX) NULL
);
CREATE INDEX ix_journal_entity ON journal (entity_type, entity_id);
GO

-- The journal is evidence: rows are only ever added.
CREATE TRIGGER journal_append_only ON journal INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 50000, 'journal is append-only', 1;
END;
GO
