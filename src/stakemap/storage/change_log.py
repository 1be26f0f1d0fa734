"""The server's change log: a trigger records who changed which fields of which row, and when (storage layer).

One ``change_log`` table per map schema, written only by the ``log_change`` trigger (SECURITY
DEFINER, so editors cannot forge entries). It words a refused edit ("Priya changed Dana's role …"),
feeds the Activity dock, and tells listeners a change happened by ``pg_notify`` with the entry's
number only (every user may read a payload). A confidential note's text is never copied into it,
and its entries are hidden by row-level security from those who may not read the note.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

from stakemap.storage.live import channel_of


def install_change_log(connection: Connection, schema: str, tables: Iterable[str]) -> None:
    """The trigger that records who changed which fields (read back to word a refused edit) and
    notifies listeners (live updates, ``storage.live``), on each of ``tables`` (those with an id)."""
    channel = channel_of(schema.removeprefix("map_"))
    connection.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS {schema}.change_log (id bigserial PRIMARY KEY, "
            "table_name text NOT NULL, row_id text NOT NULL, action text NOT NULL, changed jsonb, "
            "changed_by text NOT NULL, changed_at timestamptz NOT NULL DEFAULT now())"
        )
    )
    connection.execute(
        text(f"CREATE INDEX IF NOT EXISTS ix_change_log_row ON {schema}.change_log (table_name, row_id, id)")
    )
    connection.execute(
        text(
            f"ALTER TABLE {schema}.change_log "
            "ADD COLUMN IF NOT EXISTS confidential boolean NOT NULL DEFAULT false"
        )
    )
    # SECURITY DEFINER: editors cannot write the log themselves, only through their edits. It runs
    # as its owner, so the author is session_user (current_user would name the owner).
    connection.execute(
        text(
            f"CREATE OR REPLACE FUNCTION {schema}.log_change() RETURNS trigger "
            f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$\n"
            "DECLARE diff jsonb; secret boolean := false; entry bigint;\n"
            "BEGIN\n"
            "  IF TG_OP = 'DELETE' THEN\n"
            "    IF TG_TABLE_NAME = 'note' THEN secret := OLD.confidential; END IF;\n"
            "    INSERT INTO change_log (table_name, row_id, action, changed, changed_by, confidential)\n"
            "    VALUES (TG_TABLE_NAME, OLD.id, 'delete', NULL, session_user, secret) RETURNING id INTO entry;\n"
            f"    PERFORM pg_notify('{channel}', entry::text);\n"
            "    RETURN OLD;\n"
            "  END IF;\n"
            "  SELECT jsonb_object_agg(n.key, n.value) INTO diff FROM jsonb_each(to_jsonb(NEW)) n\n"
            "    WHERE n.key NOT IN ('version', 'modified_at')\n"
            "      AND (TG_OP = 'INSERT' OR to_jsonb(OLD) -> n.key IS DISTINCT FROM n.value);\n"
            "  IF TG_OP = 'UPDATE' AND diff IS NULL THEN RETURN NEW; END IF;\n"
            # A confidential note's text is never copied (the log is readable by every viewer): the key
            # stays, so the log still says the text changed. The entry is hidden from those who may not
            # read the note, except the one that makes a note confidential (others must drop it).
            "  IF TG_TABLE_NAME = 'note' THEN\n"
            "    IF NEW.confidential OR (TG_OP = 'UPDATE' AND OLD.confidential) THEN\n"
            "      IF diff ? 'text' THEN diff := diff || jsonb_build_object('text', NULL); END IF;\n"
            "    END IF;\n"
            "    secret := NEW.confidential AND (TG_OP = 'INSERT' OR OLD.confidential);\n"
            "  END IF;\n"
            "  INSERT INTO change_log (table_name, row_id, action, changed, changed_by, confidential)\n"
            "  VALUES (TG_TABLE_NAME, NEW.id, lower(TG_OP), diff, session_user, secret) RETURNING id INTO entry;\n"
            # Live updates (``storage.live``): only the entry's number, as every user may read a payload.
            f"  PERFORM pg_notify('{channel}', entry::text);\n"
            "  RETURN NEW;\n"
            "END $$"
        )
    )
    connection.execute(text(f"REVOKE EXECUTE ON FUNCTION {schema}.log_change() FROM PUBLIC"))
    for table in tables:
        connection.execute(text(f"DROP TRIGGER IF EXISTS log_change ON {schema}.{table}"))
        connection.execute(
            text(
                f"CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON {schema}.{table} "
                f"FOR EACH ROW EXECUTE FUNCTION {schema}.log_change()"
            )
        )


def hide_confidential_entries(connection: Connection, schema: str, readers: str) -> None:
    """Change-log entries of confidential notes: seen only by who may read the note.

    Enabled, not forced: the logging trigger runs as the tables' owner and must write every entry.
    """
    for statement in (
        f"ALTER TABLE {schema}.change_log ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS change_log_read ON {schema}.change_log",
        f"CREATE POLICY change_log_read ON {schema}.change_log FOR SELECT USING (NOT confidential "
        f"OR changed_by = session_user OR pg_has_role(session_user, '{readers}', 'MEMBER'))",
    ):
        connection.execute(text(statement))
