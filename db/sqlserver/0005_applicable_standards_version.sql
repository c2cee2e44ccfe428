-- 0005 applicable standards version: the optimistic version of a procurement's set of applicable standards.
-- A save names the version its page showed; a stale one gets the conflict page instead of overwriting.
-- Apart from procurements.version, so that editing the procurement's details and its standards never collide.

ALTER TABLE procurements ADD standards_version INT NOT NULL CONSTRAINT df_procurements_standards_version DEFAULT 1;
