import { App, Stack } from 'aws-cdk-lib';
import { example as accessAuditRole } from './access-audit-role';
import { example as accessConnectorModes } from './access-connector-modes';
import { example as eventStreamNrt } from './event-stream-nrt';
import { example as eventStreamVmware } from './event-stream-vmware';
import { example as guardrailsOrgPerimeter } from './guardrails-org-perimeter';
import { example as presetsAriaSecureClouds } from './presets-aria-secure-clouds';
import { example as presetsSkyFormation } from './presets-sky-formation';
import { example as presetsSkyhighNrt } from './presets-skyhigh-nrt';
import { example as stacksetsOrgRollout } from './stacksets-org-rollout';

/**
 * One runnable example app.
 *
 * Every example is synthesized by the README's main command
 * (`npx projen examples`), and every stack it defines is checked by
 * `test/examples.test.ts` (cdk-nag, cfn-lint, IAM action names).
 */
export interface ExampleApp {
  /** kebab-case, unique: the folder under `cdk.out/`. */
  readonly name: string;
  /** One line: what the example shows. */
  readonly description: string;
  /** Defines the example's stacks in `app`, with embedded defaults (no context, no lookups). */
  define(app: App): Stack[];
}

/** Every example app, in the order the summary prints them. */
export const EXAMPLES: ExampleApp[] = [
  accessAuditRole,
  accessConnectorModes,
  eventStreamVmware,
  eventStreamNrt,
  guardrailsOrgPerimeter,
  stacksetsOrgRollout,
  presetsAriaSecureClouds,
  presetsSkyhighNrt,
  presetsSkyFormation,
];
