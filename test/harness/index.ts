/**
 * The proof harness: offline evidence that what the library emits is right.
 *
 * - resolve.ts: `resolveTemplate(template, env)` turns intrinsics into concrete values.
 * - policies.ts: `trustPolicy`, `identityPolicies`, `resourcePolicy`, `organizationPolicies`, `arnOf`.
 * - simulate.ts: `simulate`, `isAllowed`, `simulateAssumeRole` over `@cloud-copilot/iam-simulate`.
 * - actions.ts: `actionsIn`, `unknownActions`, `expandAction`, `accessLevelOf`, `nonReadActions`.
 * - nag.ts: `nagFindings(stack)`, unsuppressed cdk-nag AwsSolutionsChecks findings.
 * - cfn-lint.ts: `cfnLint(templatePaths)` from the repo-root `.venv`.
 * - canonical.ts: `canonical(value)`, JSON with sorted keys for comparing documents.
 * - event-pattern-matcher.ts: `matchesPattern(pattern, event)`, EventBridge pattern matching offline.
 */
export * from './resolve';
export * from './policies';
export * from './simulate';
export * from './actions';
export * from './nag';
export * from './cfn-lint';
export * from './event-pattern-matcher';
export * from './canonical';
