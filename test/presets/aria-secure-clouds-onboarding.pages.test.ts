/**
 * Issue 16, items 4 to 7: the vendor pages carry what a user needs to finish
 * onboarding with only the vendor's guide and these docs. The snippets of
 * these pages are compiled and synthesized by test/docs; this file checks
 * that the sections exist, name real props, and say what the issue asks.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The text of the `## heading` section (up to the next `## `), or '' if absent. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  if (start < 0) return '';
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The optional props a props interface declares (`readonly name?:`), inherited ones not included. */
function propsOf(srcFile: string, iface: string): Set<string> {
  const src = read(srcFile);
  const body = src.slice(src.indexOf(`export interface ${iface}`), src.indexOf('\n}\n', src.indexOf(`export interface ${iface}`)));
  return new Set([...body.matchAll(/readonly (\w+)\?:/g)].map((m) => m[1]));
}

/** Backticked camelCase identifiers of a markdown table column. */
function identifiersIn(text: string): string[] {
  return [...text.matchAll(/`([a-z][A-Za-z]+)`/g)].map((m) => m[1]);
}

const PAGES = {
  aria: 'docs/presets/aria-secure-clouds.md',
  skyFormation: 'docs/presets/sky-formation.md',
  skyhigh: 'docs/presets/skyhigh-runbook.md',
};
const INTERNAL_REFERENCE = /\b(R-\d{3}|A-\d{2}|seed \d{3}|issue \d+)\b/;

describe('vendor pages: values, runbooks, scope', () => {
  test.each(Object.values(PAGES))('%s has a values table and a deploy runbook with bootstrap, order and checks', (file) => {
    const page = read(file);
    const values = section(page, 'Values you type, and where they come from');
    const runbook = section(page, 'Deploy runbook');
    expect(values).toMatch(/\n\|.*\|.*\|/);
    expect(runbook).toMatch(/cdk bootstrap aws:\/\/<account>\/<[a-zA-Z]+>/);
    expect(runbook).toMatch(/[Cc]heck/);
    expect(`${values}${runbook}`).not.toMatch(INTERNAL_REFERENCE);
  });

  test('the Aria values table names only props that exist, and covers the values the user types', () => {
    const props = propsOf('src/presets/aria-secure-clouds-onboarding.ts', 'AriaSecureCloudsOnboardingProps');
    const values = section(read(PAGES.aria), 'Values you type, and where they come from');
    const named = identifiersIn(values).filter((x) => !['cloudcoreo', 'r'].includes(x));
    expect(named.filter((x) => !props.has(x))).toEqual([]);
    for (const p of ['vendorAccountId', 'externalId', 'accountExternalIds', 'roleName', 'eventQueueAccountId', 'organizationalUnitIds', 'existingTrailArn']) {
      expect(named).toContain(p);
    }
  });

  test('the Aria page says the member role name is an assumption, and how to confirm it', () => {
    const values = section(read(PAGES.aria), 'Values you type, and where they come from');
    expect(values).toMatch(/\*\*Assumption\*\*: the guide does not say which role name the vendor assumes in member accounts/);
    expect(values).toMatch(/Confirm before relying on it: .*Manage.*InvalidRole.*set `roleName`/);
  });

  test('the vendor side is spelled out: the queue admits the topics, and the cross-account subscription is confirmed', () => {
    const values = section(read(PAGES.aria), 'Values you type, and where they come from');
    expect(values).toMatch(/queue` policy must let SNS deliver from your `cloudcoreo-events` topics/);
    expect(values).toMatch(/PendingConfirmation/);
    expect(section(read(PAGES.skyhigh), 'Values you type, and where they come from')).toMatch(/What the vendor does on its side/);
  });

  test('the SkyFormation values table covers every field of the connector form', () => {
    const values = section(read(PAGES.skyFormation), 'Values you type, and where they come from');
    for (const field of ['Sqs-Url', 'Macie-Sqs-Url', 'Region', 'Access-Key', 'Secret-Key', 'Role ARN', 'Role session name', 'External ID', 'Account ID', 'InstanceProfile']) {
      expect(values).toMatch(new RegExp(`\\n\\| ${field} \\|`));
    }
    const props = propsOf('src/presets/sky-formation-connector.ts', 'SkyFormationConnectorProps');
    expect(identifiersIn(values).filter((x) => !props.has(x))).toEqual([]);
  });

  test('the SkyFormation page has a recipe that creates and feeds both queues (compiled by test/docs)', () => {
    const recipe = section(read(PAGES.skyFormation), 'Feeding the data-event and Macie queues');
    expect(recipe).toMatch(/```ts[\s\S]*new targets\.SqsQueue\(dataEvents[\s\S]*'Macie Finding'[\s\S]*cloudTrailDataEventsQueue: dataEvents[\s\S]*macieQueue: macieFindings[\s\S]*```/);
    expect(recipe).toMatch(/dataResources/);
  });

  test('the Skyhigh page links its runbook', () => {
    expect(read('docs/presets/skyhigh-nrt.md')).toContain('[skyhigh-runbook.md](skyhigh-runbook.md)');
  });

  test('the cost of keys and trails is on the pages', () => {
    const cost = section(read(PAGES.aria), 'Cost');
    expect(cost).toMatch(/one per member account and region/);
    expect(cost).toMatch(/`centralEventAccountId`\) is the shared-key option/);
    expect(cost).toMatch(/`eventStreamEncryptionKeyArns`/);
    expect(section(read(PAGES.skyFormation), 'The trail')).toMatch(/billed by\s+CloudTrail per 100,000 events/);
  });

  describe('scope', () => {
    const scope = read('docs/scope.md');
    const rows = scope.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Not built'));

    test('docs/scope.md is linked from the README, in the constructs section', () => {
      expect(section(read('README.md'), 'Constructs')).toMatch(/\[docs\/scope\.md\]\((https:\/\/github\.com\/[^)]*\/)?docs\/scope\.md\)/);
    });

    test('every optional line of the design catalogue is declared, each with a reason and an alternative', () => {
      for (const topic of ['Security Hub, GuardDuty, Detective', 'Security Hub standards', 'Security Hub findings', 'Config organization aggregator',
        'alternate contacts', 'Identity Center permission sets', 'Control Tower lifecycle hooks', 'Control Tower, and coexistence', 'root-user activity alert',
        'security account and service account']) {
        expect(rows.some((r) => r.includes(topic))).toBe(true);
      }
      for (const r of rows) expect(r.split('|').slice(1, -1).map((c) => c.trim()).every((c) => c.length > 10)).toBe(true);
    });

    test('no internal reference in the scope page or the Skyhigh runbook', () => {
      expect(scope).not.toMatch(INTERNAL_REFERENCE);
      expect(read(PAGES.skyhigh)).not.toMatch(INTERNAL_REFERENCE);
    });
  });
});
