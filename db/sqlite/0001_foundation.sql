-- 0001 foundation: reference data (counties, organisations), Identity (users, roles, recovery codes),
-- server-side sign-in sessions, Data Protection keys, invitations, outgoing e-mail, the journal.
-- SQLite: ids are TEXT Guids, times are TEXT in UTC ("O" format), booleans INTEGER 0/1.

CREATE TABLE counties (
    code TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE organisations (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('Municipality', 'Region', 'CentralPurchasingBody', 'Supplier')),
    name TEXT NOT NULL,
    organisation_number TEXT NULL,
    municipality_code TEXT NULL,
    region_county_code TEXT NULL,
    county_code TEXT NULL REFERENCES counties (code),
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_organisations_organisation_number ON organisations (organisation_number) WHERE organisation_number IS NOT NULL;
CREATE UNIQUE INDEX ux_organisations_municipality_code ON organisations (municipality_code) WHERE municipality_code IS NOT NULL;
CREATE UNIQUE INDEX ux_organisations_region_county_code ON organisations (region_county_code) WHERE region_county_code IS NOT NULL;
CREATE INDEX ix_organisations_kind_name ON organisations (kind, name);

CREATE TABLE roles (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    normalized_name TEXT NOT NULL UNIQUE,
    concurrency_stamp TEXT NOT NULL
);
INSERT INTO roles (id, name, normalized_name, concurrency_stamp) VALUES
    ('6a1f0c8e-0001-4c6e-9a52-3c1d2f000001', 'Administrator', 'ADMINISTRATOR', 'seed'),
    ('6a1f0c8e-0001-4c6e-9a52-3c1d2f000002', 'ProcurementOfficer', 'PROCUREMENTOFFICER', 'seed'),
    ('6a1f0c8e-0001-4c6e-9a52-3c1d2f000003', 'MunicipalityRepresentative', 'MUNICIPALITYREPRESENTATIVE', 'seed'),
    ('6a1f0c8e-0001-4c6e-9a52-3c1d2f000004', 'Supplier', 'SUPPLIER', 'seed');

CREATE TABLE users (
    id TEXT NOT NULL PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    user_name TEXT NOT NULL,
    normalized_user_name TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    normalized_email TEXT NOT NULL UNIQUE,
    email_confirmed INTEGER NOT NULL DEFAULT 0,
    display_name TEXT NOT NULL,
    password_hash TEXT NULL,
    security_stamp TEXT NOT NULL,
    concurrency_stamp TEXT NOT NULL,
    two_factor_enabled INTEGER NOT NULL DEFAULT 0,
    authenticator_key TEXT NULL,
    last_totp_step INTEGER NULL,
    lockout_enabled INTEGER NOT NULL DEFAULT 1,
    lockout_end TEXT NULL,
    access_failed_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_users_organisation ON users (organisation_id);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles (id),
    PRIMARY KEY (user_id, role_id)
);

CREATE TABLE user_recovery_codes (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE auth_sessions (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ticket BLOB NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip_address TEXT NULL,
    user_agent TEXT NULL
);
CREATE INDEX ix_auth_sessions_user ON auth_sessions (user_id);

CREATE TABLE data_protection_keys (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    friendly_name TEXT NULL,
    xml TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE invitations (
    id TEXT NOT NULL PRIMARY KEY,
    email TEXT NOT NULL,
    normalized_email TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by_user_id TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT NULL,
    accepted_user_id TEXT NULL REFERENCES users (id),
    revoked_at TEXT NULL
);
CREATE INDEX ix_invitations_created ON invitations (created_at);

CREATE TABLE outgoing_emails (
    id TEXT NOT NULL PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    sent_at TEXT NULL,
    last_error TEXT NULL
);
CREATE INDEX ix_outgoing_emails_due ON outgoing_emails (sent_at, next_attempt_at);

CREATE TABLE journal (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    occurred_at TEXT NOT NULL,
    actor_user_id TEXT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT NULL,
    after_json TEXT NULL
);
CREATE INDEX ix_journal_entity ON journal (entity_type, entity_id);

-- The journal is evidence: rows are only ever added.
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
    SELECT RAISE(ABORT, 'journal is append-only');
END;

CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
    SELECT RAISE(ABORT, 'journal is append-only');
END;
