/**
 * Migration 7: each image's state history (every `state.changed` the agent has seen, with the
 * state it came with), kept by triggers on cycle_images so every path that writes an image keeps
 * it, at most 20 entries an image; a job's descriptor (what the hub answered the action that
 * started it: accepted, parallel…, which no later read of the job repeats) kept across the
 * refreshes that rewrite the job; and the events of a cached build log.
 */
export default `
  CREATE TABLE cycle_image_states (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    image_id   TEXT NOT NULL,
    state      TEXT NOT NULL,
    changed    TEXT NOT NULL,
    seen_at    INTEGER NOT NULL,
    PRIMARY KEY (account_id, image_id, changed, state)
  );
  INSERT OR IGNORE INTO cycle_image_states (account_id, image_id, state, changed, seen_at)
    SELECT account_id, key, state, COALESCE(json_extract(raw, '$.state.changed'), ''), confirmed_at
    FROM cycle_images;
  CREATE TRIGGER cycle_images_state_seen AFTER INSERT ON cycle_images BEGIN
    INSERT OR IGNORE INTO cycle_image_states (account_id, image_id, state, changed, seen_at)
      VALUES (new.account_id, new.key, new.state,
              COALESCE(json_extract(new.raw, '$.state.changed'), ''), new.confirmed_at);
  END;
  CREATE TRIGGER cycle_images_state_changed AFTER UPDATE OF state, raw ON cycle_images
    WHEN old.state IS NOT new.state
      OR json_extract(old.raw, '$.state.changed') IS NOT json_extract(new.raw, '$.state.changed')
  BEGIN
    INSERT OR IGNORE INTO cycle_image_states (account_id, image_id, state, changed, seen_at)
      VALUES (new.account_id, new.key, new.state,
              COALESCE(json_extract(new.raw, '$.state.changed'), ''), new.confirmed_at);
    DELETE FROM cycle_image_states
      WHERE account_id = new.account_id AND image_id = new.key AND rowid NOT IN (
        SELECT rowid FROM cycle_image_states
        WHERE account_id = new.account_id AND image_id = new.key
        ORDER BY seen_at DESC, rowid DESC LIMIT 20);
  END;
  CREATE TRIGGER cycle_images_state_forget AFTER DELETE ON cycle_images BEGIN
    DELETE FROM cycle_image_states WHERE account_id = old.account_id AND image_id = old.key;
  END;

  CREATE TRIGGER cycle_jobs_descriptor_kept AFTER UPDATE OF raw ON cycle_jobs
    WHEN json_extract(old.raw, '$._berth.descriptor') IS NOT NULL
      AND json_extract(new.raw, '$._berth.descriptor') IS NULL
  BEGIN
    UPDATE cycle_jobs
      SET raw = json_set(raw, '$._berth.descriptor', json_extract(old.raw, '$._berth.descriptor'))
      WHERE account_id = new.account_id AND key = new.key;
  END;

  ALTER TABLE cycle_build_logs ADD COLUMN events TEXT;`
