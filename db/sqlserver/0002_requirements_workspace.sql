-- 0002 requirements workspace: procurements with phases and DPS categories, participation of
-- municipalities and regions, the versioned specification, municipal submissions, support, comments and
-- spreadsheet imports. Free-text search on SQL Server uses LIKE (see docs/decisions/ADR-010): full-text
-- indexes need an edition and set-up not every installation has, and cannot be created in a transaction.

CREATE TABLE procurements (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    reference NVARCHAR(100) NOT NULL UNIQUE,
    title NVARCHAR(300) NOT NULL,
    description NVARCHAR(MAX) NOT NULL,
    cpv_codes NVARCHAR(400) NOT NULL,
    procedure_type NVARCHAR(40) NOT NULL CHECK (procedure_type IN ('DynamicPurchasingSystem')),
    valid_from DATE NOT NULL,
    valid_until DATE NOT NULL,
    phase NVARCHAR(20) NOT NULL CHECK (phase IN ('Collection', 'Compilation', 'Prioritisation', 'Review', 'Published')),
    owner_organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisations (id),
    created_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    created_at DATETIMEOFFSET NOT NULL,
    updated_at DATETIMEOFFSET NOT NULL,
    version INT NOT NULL DEFAULT 1,
    -- Moves on with every change to the procurement's needs, their support, its participants or categories (triggers below).
    list_version BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE procurement_phases (
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    phase NVARCHAR(20) NOT NULL,
    planned_start DATE NULL,
    planned_end DATE NULL,
    PRIMARY KEY (procurement_id, phase)
);

CREATE TABLE procurement_categories (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    number INT NOT NULL,
    name NVARCHAR(200) NOT NULL,
    description NVARCHAR(2000) NOT NULL,
    UNIQUE (procurement_id, number)
);

CREATE TABLE participations (
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisations (id),
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Invited', 'Joined', 'Declined')),
    invited_at DATETIMEOFFSET NOT NULL,
    invited_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    responded_at DATETIMEOFFSET NULL,
    responded_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    PRIMARY KEY (procurement_id, organisation_id)
);
CREATE INDEX ix_participations_organisation ON participations (organisation_id);

CREATE TABLE requirements (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    section NVARCHAR(40) NOT NULL,
    category_id UNIQUEIDENTIFIER NULL REFERENCES procurement_categories (id),
    position INT NOT NULL,
    code NVARCHAR(40) NOT NULL,
    version INT NOT NULL,
    kind NVARCHAR(10) NOT NULL CHECK (kind IN ('Kval', 'Ska', 'Bor', 'Kv')),
    title NVARCHAR(300) NOT NULL,
    text NVARCHAR(4000) NOT NULL,
    motiv NVARCHAR(4000) NOT NULL,
    verifikat NVARCHAR(4000) NOT NULL,
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Draft', 'Approved', 'Removed')),
    created_at DATETIMEOFFSET NOT NULL,
    updated_at DATETIMEOFFSET NOT NULL,
    updated_by UNIQUEIDENTIFIER NULL REFERENCES users (id)
);
CREATE INDEX ix_requirements_order ON requirements (procurement_id, section, category_id, position);

CREATE TABLE requirement_versions (
    requirement_id UNIQUEIDENTIFIER NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
    version INT NOT NULL,
    code NVARCHAR(40) NOT NULL,
    section NVARCHAR(40) NOT NULL,
    category_id UNIQUEIDENTIFIER NULL,
    kind NVARCHAR(10) NOT NULL,
    title NVARCHAR(300) NOT NULL,
    text NVARCHAR(4000) NOT NULL,
    motiv NVARCHAR(4000) NOT NULL,
    verifikat NVARCHAR(4000) NOT NULL,
    status NVARCHAR(20) NOT NULL,
    changed_at DATETIMEOFFSET NOT NULL,
    changed_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    reason NVARCHAR(1000) NOT NULL,
    PRIMARY KEY (requirement_id, version)
);

CREATE TABLE imports (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisations (id),
    created_by UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    file_name NVARCHAR(260) NOT NULL,
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Previewed', 'Running', 'Completed', 'Failed')),
    total_rows INT NOT NULL,
    processed_rows INT NOT NULL DEFAULT 0,
    error_count INT NOT NULL,
    payload NVARCHAR(MAX) NOT NULL,
    message NVARCHAR(2000) NULL,
    created_at DATETIMEOFFSET NOT NULL,
    finished_at DATETIMEOFFSET NULL
);

CREATE TABLE submissions (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisations (id),
    created_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    text NVARCHAR(4000) NOT NULL,
    suggested_kind NVARCHAR(10) NULL CHECK (suggested_kind IN ('Kval', 'Ska', 'Bor', 'Kv')),
    motiv NVARCHAR(4000) NULL,
    category_id UNIQUEIDENTIFIER NULL REFERENCES procurement_categories (id),
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Active', 'Withdrawn')),
    source NVARCHAR(20) NOT NULL CHECK (source IN ('Form', 'Import', 'Seed')),
    import_id UNIQUEIDENTIFIER NULL REFERENCES imports (id),
    created_at DATETIMEOFFSET NOT NULL,
    updated_at DATETIMEOFFSET NOT NULL,
    version INT NOT NULL DEFAULT 1
);
-- The triage list: its page of ids (newest first in index order), the filters on kind, category and organisation and
-- the count are answered from the index alone; only the page's fifty rows are read from the table.
CREATE INDEX ix_submissions_list ON submissions (procurement_id, status, created_at, id) INCLUDE (organisation_id, suggested_kind, category_id);
CREATE INDEX ix_submissions_organisation ON submissions (procurement_id, organisation_id, status, created_at);

CREATE TABLE supports (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisations (id),
    requirement_id UNIQUEIDENTIFIER NULL REFERENCES requirements (id),
    submission_id UNIQUEIDENTIFIER NULL REFERENCES submissions (id),
    comment NVARCHAR(2000) NULL,
    created_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    created_at DATETIMEOFFSET NOT NULL,
    CHECK ((requirement_id IS NULL AND submission_id IS NOT NULL) OR (requirement_id IS NOT NULL AND submission_id IS NULL))
);
CREATE UNIQUE INDEX ux_supports_requirement ON supports (organisation_id, requirement_id) WHERE requirement_id IS NOT NULL;
CREATE UNIQUE INDEX ux_supports_submission ON supports (organisation_id, submission_id) WHERE submission_id IS NOT NULL;
CREATE INDEX ix_supports_procurement ON supports (procurement_id);
CREATE INDEX ix_supports_requirement_target ON supports (requirement_id);
CREATE INDEX ix_supports_submission_target ON supports (submission_id);

CREATE TABLE comments (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    requirement_id UNIQUEIDENTIFIER NOT NULL REFERENCES requirements (id),
    parent_id UNIQUEIDENTIFIER NULL REFERENCES comments (id),
    organisation_id UNIQUEIDENTIFIER NOT NULL REFERENCES organisations (id),
    author_user_id UNIQUEIDENTIFIER NOT NULL REFERENCES users (id),
    text NVARCHAR(4000) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_comments_requirement ON comments (requirement_id, created_at);
GO

-- The lists' version stamp (procurements.list_version): moved by every change to what the triage lists show,
-- the procurement's needs, their support, its participants and its categories, whatever code writes it.
CREATE TRIGGER list_version_submissions ON submissions AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE procurements SET list_version = list_version + 1
    WHERE id IN (SELECT procurement_id FROM inserted UNION SELECT procurement_id FROM deleted);
END;
GO

CREATE TRIGGER list_version_supports ON supports AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE procurements SET list_version = list_version + 1
    WHERE id IN (SELECT procurement_id FROM inserted WHERE submission_id IS NOT NULL
                 UNION SELECT procurement_id FROM deleted WHERE submission_id IS NOT NULL);
END;
GO

CREATE TRIGGER list_version_categories ON procurement_categories AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE procurements SET list_version = list_version + 1
    WHERE id IN (SELECT procurement_id FROM inserted UNION SELECT procurement_id FROM deleted);
END;
GO

CREATE TRIGGER list_version_participations ON participations AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE procurements SET list_version = list_version + 1
    WHERE id IN (SELECT procurement_id FROM inserted UNION SELECT procurement_id FROM deleted);
END;
GO
