/**
 * The adversarial suite (issue 13): every configuration of the README, docs/guardrails.md and
 * examples/ against every move of `moves.ts`, decided by the simulator.
 * Each attacker's move must be denied; each legitimate operation allowed.
 * One test per configuration and attacker lists every move that went the
 * wrong way, so a failure names them all at once.
 */
import { configurations } from './configurations';
import { Configuration, ConcreteMove, decideMove, expandMoves } from './harness';
import { ALL_MOVES, LEGITIMATE_OPERATIONS, MEMBER_ADMIN_MOVES, OUTSIDER_MOVES } from './moves';

const CONFIGURATIONS: Configuration[] = configurations();
let simulated = 0;

async function wrongWay(c: Configuration, moves: ConcreteMove[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const m of moves) {
    const decision = await decideMove(c, m);
    simulated++;
    const ok = (m.expect ?? 'denied') === 'allowed' ? decision === 'Allowed' : decision !== 'Allowed';
    if (!ok) wrong.push(`${m.title}: ${m.principal} ${m.action} ${m.resource} -> ${decision}`);
  }
  return wrong;
}

describe.each(CONFIGURATIONS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test.each([
    ['the member-account administrator\'s moves are denied', MEMBER_ADMIN_MOVES],
    ['the outsider\'s moves are denied', OUTSIDER_MOVES],
    ['the legitimate operations are allowed', LEGITIMATE_OPERATIONS],
  ] as const)('%s', async (_title, moves) => {
    const { instances } = expandMoves(c, moves);
    expect(await wrongWay(c, instances)).toEqual([]);
  });
});

describe('the suite itself', () => {
  test('every configuration has the protection or an RCP, and each attacker\'s moves reach at least one configuration', () => {
    for (const c of CONFIGURATIONS) expect(c.features.some((f) => f === 'protect' || f === 'rcp')).toBe(true);
    for (const moves of [MEMBER_ADMIN_MOVES, OUTSIDER_MOVES, LEGITIMATE_OPERATIONS]) {
      for (const m of moves) {
        const reaches = CONFIGURATIONS.some((c) => expandMoves(c, [m]).instances.length > 0);
        expect({ move: m.description, reaches }).toEqual({ move: m.description, reaches: true });
      }
    }
  });

  test('every exemption of every configuration is attacked (the exempt names come from the policies)', () => {
    for (const c of CONFIGURATIONS.filter((x) => x.features.includes('protect'))) {
      const claims = expandMoves(c, MEMBER_ADMIN_MOVES).instances.filter((m) => m.finding === 1 && m.action === 'iam:CreateRole');
      expect(claims.map((m) => m.resource)).toEqual(expect.arrayContaining([expect.stringMatching(/role\/stacksets-exec-claimed$/)]));
    }
  });

  afterAll(() => {
    const total = CONFIGURATIONS.reduce((n, c) => n + expandMoves(c, ALL_MOVES).instances.length, 0);
    // printed for the closing note: configurations x moves actually simulated
    process.stdout.write(`adversarial: ${CONFIGURATIONS.length} configurations, ${ALL_MOVES.length} moves, ${total} simulated requests (${simulated} in this run)\n`);
  });
});
