/**
 * 1: accounts (no secrets, ever), the qbo resources, and per-resource sync state.
 */
export default `
  CREATE TABLE accounts (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    endpoint   TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE nodes (
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    id           TEXT NOT NULL,
    cluster      TEXT NOT NULL,
    cluster_id   TEXT NOT NULL,
    state        TEXT NOT NULL,
    address      TEXT NOT NULL,
    image        TEXT NOT NULL,
    os           TEXT NOT NULL,
    kernel       TEXT NOT NULL,
    raw          TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
  ) WITHOUT ROWID;
  -- Every list orders by (name, account_id) as its tiebreak; these let a page be read in order
  -- instead of sorting the whole table.
  CREATE INDEX nodes_name ON nodes(name, account_id);
  CREATE INDEX nodes_cluster ON nodes(cluster, name, account_id);
  CREATE INDEX nodes_state ON nodes(state, name, account_id);

  CREATE TABLE images (
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    registry     TEXT NOT NULL,
    user         TEXT NOT NULL,
    repository   TEXT NOT NULL,
    image        TEXT NOT NULL,
    tag          TEXT NOT NULL,
    raw          TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
  ) WITHOUT ROWID;
  CREATE INDEX images_name ON images(name, account_id);
  CREATE INDEX images_tag ON images(tag, name, account_id);

  CREATE TABLE networks (
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    id           TEXT NOT NULL,
    subnet       TEXT NOT NULL,
    state        TEXT NOT NULL,
    raw          TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
  ) WITHOUT ROWID;

  CREATE TABLE sync_state (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    resource   TEXT NOT NULL,
    synced_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, resource)
  ) WITHOUT ROWID;
  `
