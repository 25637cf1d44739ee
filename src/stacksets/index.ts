// Public API of src/stacksets/. Internals live in private/ and are not re-exported.
export * from './stack-set-admin-role';
export * from './stack-set-admin-role-policy';
export * from './stack-set-execution-permissions';
export * from './stack-set-execution-role';
export * from './stack-set-execution-role-policy';
export * from './stack-set-template';
export * from './stack-set-rollout-options';
export * from './org-stack-set-rollout';
export * from './self-managed-stack-set-rollout';
