-- 0004 standards: the catalogue of standards and their clauses (edited by administrators, every change a
-- snapshot in standard_versions), the standards a procurement declares applicable, the links between
-- requirements and standards/clauses (suggested, accepted or rejected), and conflicts officers flag.
-- Depends only on 0001 and 0002. One cascade path per table (SQL Server refuses more).

CREATE TABLE standards (
    id NVARCHAR(40) NOT NULL PRIMARY KEY,
    name NVARCHAR(200) NOT NULL,
    title NVARCHAR(300) NOT NULL,
    owner NVARCHAR(200) NOT NULL,
    version_label NVARCHAR(300) NOT NULL,
    url NVARCHAR(500) NOT NULL,
    kind NVARCHAR(40) NOT NULL,
    description NVARCHAR(4000) NOT NULL,
    -- JSON array of lower-case terms.
    keywords NVARCHAR(MAX) NOT NULL,
    version INT NOT NULL DEFAULT 1,
    updated_at DATETIMEOFFSET NOT NULL,
    updated_by UNIQUEIDENTIFIER NULL REFERENCES users (id)
);

CREATE TABLE standard_clauses (
    standard_id NVARCHAR(40) NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    clause_id NVARCHAR(40) NOT NULL,
    text NVARCHAR(4000) NOT NULL,
    -- JSON array of lower-case terms; '[]' when the clause has none of its own.
    keywords NVARCHAR(MAX) NOT NULL,
    position INT NOT NULL,
    PRIMARY KEY (standard_id, clause_id)
);

CREATE TABLE standard_versions (
    standard_id NVARCHAR(40) NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    version INT NOT NULL,
    -- The whole standard with its clauses as saved (JSON).
    snapshot NVARCHAR(MAX) NOT NULL,
    changed_at DATETIMEOFFSET NOT NULL,
    changed_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    reason NVARCHAR(1000) NOT NULL,
    PRIMARY KEY (standard_id, version)
);

CREATE TABLE procurement_standards (
    procurement_id UNIQUEIDENTIFIER NOT NULL REFERENCES procurements (id) ON DELETE CASCADE,
    standard_id NVARCHAR(40) NOT NULL REFERENCES standards (id),
    added_at DATETIMEOFFSET NOT NULL,
    added_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    PRIMARY KEY (procurement_id, standard_id)
);

CREATE TABLE requirement_standard_links (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    requirement_id UNIQUEIDENTIFIER NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
    standard_id NVARCHAR(40) NOT NULL REFERENCES standards (id),
    -- '' when the link names the standard only. No foreign key: a clause an administrator removes leaves the link
    -- in place (and out of the coverage report) rather than deleting the officers' decision.
    clause_id NVARCHAR(40) NOT NULL,
    status NVARCHAR(20) NOT NULL CHECK (status IN ('Suggested', 'Accepted', 'Rejected')),
    source NVARCHAR(20) NOT NULL CHECK (source IN ('Suggester', 'Manual')),
    rank INT NULL,
    confidence FLOAT NULL,
    -- The suggester's own judgement: pre-selected for acceptance in the officers' bulk form.
    confident BIT NOT NULL DEFAULT 0,
    matched_terms NVARCHAR(2000) NOT NULL,
    requirement_version INT NOT NULL,
    created_at DATETIMEOFFSET NOT NULL,
    decided_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    decided_at DATETIMEOFFSET NULL,
    UNIQUE (requirement_id, standard_id, clause_id)
);
CREATE INDEX ix_requirement_standard_links_clause ON requirement_standard_links (standard_id, clause_id, status);

CREATE TABLE coverage_conflicts (
    id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    requirement_id UNIQUEIDENTIFIER NOT NULL REFERENCES requirements (id) ON DELETE CASCADE,
    standard_id NVARCHAR(40) NOT NULL REFERENCES standards (id),
    clause_id NVARCHAR(40) NOT NULL,
    rationale NVARCHAR(2000) NOT NULL,
    flagged_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    flagged_at DATETIMEOFFSET NOT NULL,
    resolved_by UNIQUEIDENTIFIER NULL REFERENCES users (id),
    resolved_at DATETIMEOFFSET NULL
);
CREATE INDEX ix_coverage_conflicts_requirement ON coverage_conflicts (requirement_id);
