/** Placeholder replaced below. */
export async function doctorCommand(_args: string[], _out: (s: string) => void, err: (s: string) => void): Promise<number> {
  err('doctor: not built yet\n');
  return 1;
}
