/**
 * Numbered, append-only schema migrations. Never edit one that has shipped: add the next number.
 * `PRAGMA user_version` records how far a database has come.
 */
export const migrations: readonly string[] = [
  // 1: accounts (no secrets, ever), the qbo resources, and per-resource sync state.
  `
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
  `,
  // 2: the rest of a qbo hub. Pods, services and load balancers have no single unique field, so
  // the provider composes `key`.
  `
  CREATE TABLE clusters (
    account_id    TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    id            TEXT NOT NULL,
    address       TEXT NOT NULL,
    control_plane TEXT NOT NULL,
    state         TEXT NOT NULL,
    raw           TEXT NOT NULL,
    confirmed_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
  ) WITHOUT ROWID;
  CREATE INDEX clusters_name ON clusters(name, account_id);

  CREATE TABLE pods (
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    id           TEXT NOT NULL,
    namespace    TEXT NOT NULL,
    address      TEXT NOT NULL,
    status       TEXT NOT NULL,
    ready        TEXT NOT NULL,
    started      TEXT NOT NULL,
    node         TEXT NOT NULL,
    cluster      TEXT NOT NULL,
    raw          TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
  ) WITHOUT ROWID;
  CREATE INDEX pods_cluster ON pods(cluster, name, account_id);
  CREATE INDEX pods_name ON pods(name, account_id);

  CREATE TABLE services (
    account_id       TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    key              TEXT NOT NULL,
    name             TEXT NOT NULL,
    id               TEXT NOT NULL,
    namespace        TEXT NOT NULL,
    address          TEXT NOT NULL,
    external_address TEXT NOT NULL,
    type             TEXT NOT NULL,
    port_name        TEXT NOT NULL,
    port_number      TEXT NOT NULL,
    target_port      TEXT NOT NULL,
    node_port        TEXT NOT NULL,
    protocol         TEXT NOT NULL,
    cluster          TEXT NOT NULL,
    raw              TEXT NOT NULL,
    confirmed_at     INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
  ) WITHOUT ROWID;
  CREATE INDEX services_cluster ON services(cluster, name, account_id);
  CREATE INDEX services_name ON services(name, account_id);

  CREATE TABLE load_balancers (
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    id           TEXT NOT NULL,
    vip          TEXT NOT NULL,
    vip_port     TEXT NOT NULL,
    rip          TEXT NOT NULL,
    rip_port     TEXT NOT NULL,
    protocol     TEXT NOT NULL,
    scheduler    TEXT NOT NULL,
    forward      TEXT NOT NULL,
    weight       TEXT NOT NULL,
    state        TEXT NOT NULL,
    node         TEXT NOT NULL,
    cluster      TEXT NOT NULL,
    raw          TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
  ) WITHOUT ROWID;
  CREATE INDEX load_balancers_cluster ON load_balancers(cluster, vip, account_id);
  `,
  // 3: Cycle hubs. Identified by the platform's 24-hex ids (kept in `key`, like every keyed table).
  `
  CREATE TABLE cycle_images (
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    state        TEXT NOT NULL,
    size         INTEGER NOT NULL,
    source_id    TEXT NOT NULL,
    source_type  TEXT NOT NULL,
    creator      TEXT NOT NULL,
    containers   INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    error        TEXT,
    raw          TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
  ) WITHOUT ROWID;
  CREATE INDEX cycle_images_name ON cycle_images(name, key, account_id);
  CREATE INDEX cycle_images_source ON cycle_images(source_id, name);

  CREATE TABLE cycle_sources (
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    type         TEXT NOT NULL,
    origin       TEXT NOT NULL,
    state        TEXT NOT NULL,
    images       INTEGER NOT NULL,
    raw          TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
  ) WITHOUT ROWID;

  CREATE TABLE cycle_jobs (
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    id           TEXT NOT NULL,
    caption      TEXT NOT NULL,
    queue        TEXT NOT NULL,
    state        TEXT NOT NULL,
    error        TEXT,
    queued_at    TEXT,
    completed_at TEXT,
    progress     REAL NOT NULL,
    tasks        TEXT NOT NULL,
    raw          TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, key)
  ) WITHOUT ROWID;
  CREATE INDEX cycle_jobs_queued ON cycle_jobs(queued_at, key, account_id);

  CREATE TABLE cycle_build_logs (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    image_id   TEXT NOT NULL,
    log        TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, image_id)
  ) WITHOUT ROWID;
  `
]
