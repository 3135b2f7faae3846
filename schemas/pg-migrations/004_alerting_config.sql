-- 004 alerting config: the administrators' edits to the alerting
-- configuration (rules, receivers, routes, escalation, the roster), laid
-- over what ALERTING_FILE (or the built-in default set) says. The file stays
-- the base a center keeps in version control; an edit through the API or
-- /admin is a row here, so it survives restarts and reloads of the file.
-- Rules and receivers are edited one by one, by id; routes, escalation and
-- the roster each as a whole (item_id ''). A row whose body is NULL is a
-- tombstone: the file's item of that id is deleted. A rule or receiver added
-- through the API and then deleted leaves no row, so the file may bring it
-- back. Who made the edit and when is kept on the row; the full history of
-- edits is in the audit log. A receiver's body holds what the administrator
-- typed: ${VAR} references are the way to keep secrets out of this table.
CREATE TABLE alerting_config_overlay (
  section text NOT NULL CHECK (section IN ('rule', 'receiver', 'routes', 'escalation', 'roster')),
  item_id text NOT NULL,
  body jsonb,
  edited_by text NOT NULL,
  edited_at timestamptz NOT NULL,
  -- Items added through the API follow the file's, in the order they were first added.
  added_seq bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (section, item_id),
  CHECK ((section IN ('rule', 'receiver')) = (item_id <> ''))
);
