/**
 * 2: the rest of a qbo hub. Pods, services and load balancers have no single unique field, so
 * the provider composes `key`.
 */
export default `
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
  `
