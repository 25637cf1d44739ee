// Public API of src/guardrails/. Internals live in private/ and statements/ and are not re-exported.
export * from './guardrail';
export * from './guardrail-options';
export * from './org-guardrail-scp';
export * from './org-path';
export * from './org-resource-control-policy';
