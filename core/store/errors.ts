// What can go wrong with the operational store that an operator, not a
// programmer, has to fix: they are reported as one line at start.
export class StoreOpenError extends Error {
  override name = 'StoreOpenError'
}

export class StoreMigrationError extends Error {
  override name = 'StoreMigrationError'
}
