"""Confidential notes kept private by the server itself: row-level security on a map's notes (storage layer).

A note marked confidential is readable only by its author (``note.author``, filled with
``session_user`` by the server, migration 0007) and by members of the map's confidential-readers role
(``<map>_confidential``), and writable (changed, unmarked, deleted) only by its author. The policies
are FORCED, so they bind the tables' owner too; only a database superuser, or the owner switching
them off (``ALTER TABLE ... NO FORCE``), gets past them.

What policies cannot stop, these functions and triggers do:

- foreign-key cascades bypass row-level security: deleting a person (or a tie) would silently take
  notes others may not even see. ``refuse_protected_notes`` refuses such a delete before it cascades,
  saying only that there are notes this user cannot change (never how many, never what they say);
- ``keep_note_author``: an author cannot be changed, so nobody takes over a colleague's note;
- ``protected_notes`` lets the app ask first, to word the refusal (``AttachedError``).

The policies name ``session_user``, not ``current_user``: inside a SECURITY DEFINER function
``current_user`` is the owner, and ``SET ROLE`` cannot change ``session_user``. One permissive policy
lets exactly those definer functions (``current_user`` the owner, the session someone else) see all
notes, so they can count what the user may not see.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

#: The message ``refuse_protected_notes`` raises; ``repository`` turns it into ``ProtectedNotesError``.
PROTECTED_MARK = "stakemap-protected-notes"


def confidential_role(name: str) -> str:
    return f"{name}_confidential"


def install_note_security(connection: Connection, name: str, schema: str) -> None:
    """Policies, triggers and functions on one map's notes (admin only; idempotent, run on every upgrade)."""
    readers = confidential_role(name)
    owner_role = f"{name}_owner"
    table_owner = connection.execute(text("SELECT current_user")).scalar()
    may_write = (
        f"(NOT confidential OR author = session_user "
        # Confidential notes from before authors were recorded: the map's owners look after them.
        f"OR (author = '' AND pg_has_role(session_user, '{owner_role}', 'MEMBER')))"
    )
    may_read = (
        f"(NOT confidential OR author = session_user OR pg_has_role(session_user, '{readers}', 'MEMBER'))"
    )
    definer = f"(current_user = '{table_owner}' AND session_user <> current_user)"
    statements = [
        f"ALTER TABLE {schema}.note ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {schema}.note FORCE ROW LEVEL SECURITY",
        *(
            f"DROP POLICY IF EXISTS {policy} ON {schema}.note"
            for policy in ("note_read", "note_definer", "note_insert", "note_update", "note_delete")
        ),
        f"CREATE POLICY note_read ON {schema}.note FOR SELECT USING {may_read}",
        f"CREATE POLICY note_definer ON {schema}.note FOR SELECT USING {definer}",
        f"CREATE POLICY note_insert ON {schema}.note FOR INSERT WITH CHECK (author = session_user)",
        f"CREATE POLICY note_update ON {schema}.note FOR UPDATE USING {may_write} WITH CHECK {may_write}",
        f"CREATE POLICY note_delete ON {schema}.note FOR DELETE USING {may_write}",
        # The author of a note or engagement is the server's word: nobody rewrites it.
        f"CREATE OR REPLACE FUNCTION {schema}.keep_author() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  IF NEW.author IS DISTINCT FROM OLD.author THEN\n"
        "    RAISE EXCEPTION 'the author of a row cannot be changed' USING ERRCODE = '42501';\n"
        "  END IF;\n"
        "  RETURN NEW;\n"
        "END $$",
        f"DROP TRIGGER IF EXISTS keep_author ON {schema}.note",
        f"CREATE TRIGGER keep_author BEFORE UPDATE ON {schema}.note "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.keep_author()",
        f"DROP TRIGGER IF EXISTS keep_author ON {schema}.engagement",
        f"CREATE TRIGGER keep_author BEFORE UPDATE ON {schema}.engagement "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.keep_author()",
        # Are any of these people's or ties' notes ones this user may not change? (definer: sees all)
        f"CREATE OR REPLACE FUNCTION {schema}.protected_notes(people text[], ties text[]) RETURNS boolean "
        f"LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$\n"
        "  SELECT EXISTS (SELECT 1 FROM note WHERE (stakeholder_id = ANY(people) OR relationship_id = ANY(ties))\n"
        f"    AND NOT {may_write})\n"
        "$$",
        f"REVOKE EXECUTE ON FUNCTION {schema}.protected_notes(text[], text[]) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {schema}.protected_notes(text[], text[]) TO {name}_viewer",
        # The database's own guard: a cascade would delete them past every policy.
        f"CREATE OR REPLACE FUNCTION {schema}.refuse_protected_notes() RETURNS trigger "
        f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$\n"
        "BEGIN\n"
        "  IF (TG_TABLE_NAME = 'stakeholder' AND protected_notes(ARRAY[OLD.id]::text[], ARRAY[]::text[]))\n"
        "     OR (TG_TABLE_NAME = 'relationship' AND protected_notes(ARRAY[]::text[], ARRAY[OLD.id]::text[])) THEN\n"
        f"    RAISE EXCEPTION '{PROTECTED_MARK}' USING ERRCODE = '42501';\n"
        "  END IF;\n"
        "  RETURN OLD;\n"
        "END $$",
        f"REVOKE EXECUTE ON FUNCTION {schema}.refuse_protected_notes() FROM PUBLIC",
    ]
    for table in ("stakeholder", "relationship"):
        statements += [
            f"DROP TRIGGER IF EXISTS refuse_protected_notes ON {schema}.{table}",
            f"CREATE TRIGGER refuse_protected_notes BEFORE DELETE ON {schema}.{table} "
            f"FOR EACH ROW EXECUTE FUNCTION {schema}.refuse_protected_notes()",
        ]
    for statement in statements:
        connection.execute(text(statement))
