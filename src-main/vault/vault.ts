/**
 * Where secrets are sealed before they touch disk. Electron's shell uses safeStorage (the OS
 * keychain); headless mode a key file readable only by the user. Sealed text is opaque.
 */
export interface Vault {
  seal(secret: string): string
  open(sealed: string): string
}
