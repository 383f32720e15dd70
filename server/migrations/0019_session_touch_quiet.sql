-- Marking a session as just seen (`last_seen_at`, at most every 30 seconds per session) changes
-- nothing a session may do, yet it notified `linli_session_changed` like a real change (0008):
-- every server dropped that user's cached sessions, and a transaction that notifies serializes its
-- commit with every other notifying commit (PostgreSQL's notification queue lock). Under a check-in
-- rush that was one serialized commit per request. Only changes beyond the last-seen time notify now.
DROP TRIGGER sessions_changed ON sessions;
CREATE TRIGGER sessions_changed AFTER UPDATE ON sessions
  FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_seen_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_seen_at'))
  EXECUTE FUNCTION linli_notify_session_changed('user_id');
CREATE TRIGGER sessions_ended AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION linli_notify_session_changed('user_id');
