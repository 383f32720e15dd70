-- Sessions are cached in memory by each server (platform/session-cache.ts). Every change that can
-- alter what a session may do — the session itself, its user, the user's role grants — notifies
-- `linli_session_changed` with the user id at commit, from whatever process made it (a server, the
-- CLI, plain SQL), and every server drops that user's cached sessions.
CREATE FUNCTION linli_notify_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM pg_notify('linli_session_changed', to_jsonb(OLD) ->> TG_ARGV[0]);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM pg_notify('linli_session_changed', to_jsonb(NEW) ->> TG_ARGV[0]);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION linli_notify_session_changed('user_id');
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION linli_notify_session_changed('id');
CREATE TRIGGER role_grants_changed AFTER INSERT OR UPDATE OR DELETE ON role_grants
  FOR EACH ROW EXECUTE FUNCTION linli_notify_session_changed('user_id');
