/**
 * Where secrets are sealed before they touch disk. Electron's shell uses safeStorage (the OS
 * keychain); headless mode a key file readable only by the user. Sealed text is opaque.
 */
export interface Vault {
  seal(secret: string): string
  /** Throws when the secret was sealed with another key (or is damaged). */
  open(sealed: string): string
  /**
   * Set when this start made a new key (the old one was missing or damaged): what was sealed
   * before cannot be opened, and the log should say why.
   */
  readonly keyChange?: string | undefined
}
