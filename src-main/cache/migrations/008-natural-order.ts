/**
 * 8: names in natural order (cluster-5 before cluster-30, v1.26.6 before v1.26.15, 10.0.0.9
 * before 10.0.0.10). Every index a list walks is rebuilt on natural_key(), an app-defined,
 * deterministic function every cache connection registers (cache/natural-key.ts), and lists order
 * by the same expression, so a page is still read in order from its index. Sorts by a state, a
 * type, a size or a time keep their column and gain the natural name as their tiebreak.
 *
 * An index holds each column its keys are made of as well (the key's own column, unless it is
 * part of the primary key): SQLite reads an index alone, without a look-up of the row per entry
 * walked, only when it has every column the query names as itself. A filter compares the column
 * itself, so a table filtered on a column it also sorts by naturally (the cluster) keeps an index
 * that starts with the plain column too (`*_in_cluster`).
 */
export default `
  DROP INDEX nodes_name;
  DROP INDEX nodes_cluster;
  DROP INDEX nodes_state;
  DROP INDEX nodes_address;
  DROP INDEX nodes_image;
  CREATE INDEX nodes_name ON nodes(natural_key(name), account_id, cluster);
  CREATE INDEX nodes_cluster ON nodes(natural_key(cluster), natural_key(name), account_id, cluster);
  CREATE INDEX nodes_in_cluster ON nodes(cluster, natural_key(name), account_id);
  CREATE INDEX nodes_state ON nodes(state, natural_key(name), account_id, cluster);
  CREATE INDEX nodes_address ON nodes(natural_key(address), natural_key(name), account_id, cluster, address);
  CREATE INDEX nodes_image ON nodes(natural_key(image), natural_key(name), account_id, cluster, image);

  DROP INDEX images_name;
  DROP INDEX images_tag;
  CREATE INDEX images_name ON images(natural_key(name), account_id);
  CREATE INDEX images_tag ON images(natural_key(tag), natural_key(name), account_id, tag);

  DROP INDEX clusters_name;
  CREATE INDEX clusters_name ON clusters(natural_key(name), account_id);

  DROP INDEX pods_name;
  DROP INDEX pods_cluster;
  DROP INDEX pods_namespace;
  DROP INDEX pods_status;
  DROP INDEX pods_node;
  CREATE INDEX pods_name ON pods(natural_key(name), account_id, key, cluster, name);
  CREATE INDEX pods_cluster ON pods(natural_key(cluster), natural_key(name), account_id, key, cluster, name);
  CREATE INDEX pods_in_cluster ON pods(cluster, natural_key(name), account_id, key, name);
  CREATE INDEX pods_namespace ON pods(natural_key(namespace), natural_key(name), account_id, key, cluster, namespace, name);
  CREATE INDEX pods_status ON pods(status, natural_key(name), account_id, key, cluster, name);
  CREATE INDEX pods_node ON pods(natural_key(node), natural_key(name), account_id, key, cluster, node, name);

  DROP INDEX services_name;
  DROP INDEX services_cluster;
  DROP INDEX services_namespace;
  DROP INDEX services_type;
  CREATE INDEX services_name ON services(natural_key(name), account_id, key, cluster, name);
  CREATE INDEX services_cluster ON services(natural_key(cluster), natural_key(name), account_id, key, cluster, name);
  CREATE INDEX services_in_cluster ON services(cluster, natural_key(name), account_id, key, name);
  CREATE INDEX services_namespace ON services(natural_key(namespace), natural_key(name), account_id, key, cluster, namespace, name);
  CREATE INDEX services_type ON services(type, natural_key(name), account_id, key, cluster, name);

  DROP INDEX load_balancers_cluster;
  DROP INDEX load_balancers_vip;
  DROP INDEX load_balancers_rip;
  DROP INDEX load_balancers_state;
  DROP INDEX load_balancers_node;
  CREATE INDEX load_balancers_vip ON load_balancers(natural_key(vip), account_id, key, cluster, vip);
  CREATE INDEX load_balancers_cluster ON load_balancers(natural_key(cluster), natural_key(vip), account_id, key, cluster, vip);
  CREATE INDEX load_balancers_in_cluster ON load_balancers(cluster, natural_key(vip), account_id, key, vip);
  CREATE INDEX load_balancers_rip ON load_balancers(natural_key(rip), natural_key(vip), account_id, key, cluster, rip, vip);
  CREATE INDEX load_balancers_state ON load_balancers(state, natural_key(vip), account_id, key, cluster, vip);
  CREATE INDEX load_balancers_node ON load_balancers(natural_key(node), natural_key(vip), account_id, key, cluster, node, vip);

  DROP INDEX cycle_images_name;
  DROP INDEX cycle_images_source;
  DROP INDEX cycle_images_state;
  DROP INDEX cycle_images_size;
  DROP INDEX cycle_images_created;
  DROP INDEX cycle_images_containers;
  CREATE INDEX cycle_images_name ON cycle_images(natural_key(name), key, account_id, state, source_id, name);
  CREATE INDEX cycle_images_source ON cycle_images(source_id, natural_key(name), key, account_id, name);
  CREATE INDEX cycle_images_state ON cycle_images(state, natural_key(name), key, account_id, source_id, name);
  CREATE INDEX cycle_images_size ON cycle_images(size, natural_key(name), key, account_id, state, source_id, name);
  CREATE INDEX cycle_images_created ON cycle_images(created_at, natural_key(name), key, account_id, state, source_id, name);
  CREATE INDEX cycle_images_containers ON cycle_images(containers, natural_key(name), key, account_id, state, source_id, name);

  DROP INDEX cycle_jobs_caption;
  CREATE INDEX cycle_jobs_caption ON cycle_jobs(natural_key(caption), queued_at, key, account_id, caption);
`
