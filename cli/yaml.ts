/**
 * Writes a JSON value (a CloudFormation template) as YAML.
 *
 * Block style for objects and arrays, every string double-quoted with JSON's
 * escapes (a YAML double-quoted scalar accepts them), so no value can be read
 * back as another type ("yes", "1.0", "null" stay strings). Intrinsic
 * functions stay in their long form (`Fn::Join:`), which CloudFormation reads
 * in YAML as in JSON.
 */
export function toYaml(value: unknown): string {
  return `${render(value, 0).replace(/^\n/, '')}\n`;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.:/-]*$/;
const AMBIGUOUS = /^(y|yes|n|no|true|false|on|off|null)$/i;

function key(k: string): string {
  return PLAIN_KEY.test(k) && !AMBIGUOUS.test(k) && !k.endsWith(':') ? k : JSON.stringify(k);
}

function scalar(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`cannot write ${typeof value} as YAML`);
}

/** The value as YAML at `indent`: a scalar on the same line, or a block starting with a newline. */
function render(value: unknown, indent: number): string {
  const pad = '  '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value.map((item) => {
      const inner = render(item, indent + 1);
      // A nested block starts on the dash's line: "- Key: value".
      return `\n${pad}-${inner.startsWith('\n') ? ` ${inner.slice(indent * 2 + 3)}` : inner}`;
    }).join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return ' {}';
    return entries.map(([k, v]) => `\n${pad}${key(k)}:${render(v, indent + 1)}`).join('');
  }
  return ` ${scalar(value)}`;
}
