import m1 from './001-qbo-core'
import m2 from './002-qbo-workloads'
import m3 from './003-cycle'
import m4 from './004-row-hashes'
import m5 from './005-indexes-search-counts'
import m6 from './006-search-catch-up'
import m7 from './007-cycle-image-states'
import m8 from './008-natural-order'
import m9 from './009-stored-natural-keys'
import m10 from './010-failed-images'

/**
 * Numbered, append-only schema migrations. Never edit one that has shipped: add the next number.
 * `PRAGMA user_version` records how far a database has come.
 */
export const migrations: readonly string[] = [m1, m2, m3, m4, m5, m6, m7, m8, m9, m10]
