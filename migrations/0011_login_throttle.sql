-- Login throttling without a hard lock (docs/decisions/008-login-throttling.md): the state lives
-- in the database so that several server processes count the same failures.

-- A fixed-window counter per key (server/platform/rate-limit.ts): one row per key, reset when
-- its window has ended. Used for per-address and per-(address, username) login limits, for
-- single-use login challenges and, later, for other routes' request limits.
CREATE TABLE rate_limit_counters (
  key            text COLLATE "C" PRIMARY KEY,
  hits           int NOT NULL,
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_counters_window_idx ON rate_limit_counters(window_ends_at);

-- Failed sign-ins per username as typed (NFKC, trimmed, lower-cased), whether or not such an
-- account exists, so that an unknown name is answered exactly as a known one. device_id '' is
-- every client without a trusted-device cookie; a browser that signed in as this user before
-- keeps its own row, so guessing from elsewhere never slows the owner's own browser.
CREATE TABLE login_failures (
  username       text COLLATE "C" NOT NULL,
  device_id      text COLLATE "C" NOT NULL DEFAULT '',
  failures       int NOT NULL CHECK (failures > 0),
  last_failed_at timestamptz NOT NULL,
  PRIMARY KEY (username, device_id)
);
CREATE INDEX login_failures_last_idx ON login_failures(last_failed_at);

-- The hard lock is gone: no column says "locked" any more. must_change_password is set for demo
-- accounts and generated initial passwords; production mode lets such a user do nothing but
-- change it.
ALTER TABLE users
  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
  ADD COLUMN password_changed_at timestamptz,
  DROP COLUMN failed_logins,
  DROP COLUMN locked_until;

-- The administrators' account list joins failures on the normalised name.
CREATE INDEX users_username_lower_idx ON users (lower(username));
