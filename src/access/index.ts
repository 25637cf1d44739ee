// Public API of src/access/. Internals live in private/ and are not re-exported.
export * from './audit-permissions';
export * from './read-only-audit-role';
export * from './audit-access-key-user';
export * from './assume-role-connector';
export * from './audit-instance-profile-role';
