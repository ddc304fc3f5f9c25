import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { packageMesh } from './meshTemplates';

const run = promisify(execFile);

/** cfn-lint's version, or undefined where it is not installed (it is a Python tool, not an npm one). */
function cfnLintVersion(): string | undefined {
  try {
    return execFileSync('cfn-lint', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

interface CfnLintMatch {
  Rule: { Id: string };
  Level: 'Error' | 'Warning' | 'Informational';
  Message: string;
  Filename: string;
  Location: { Path?: (string | number)[] };
}

const version = cfnLintVersion();
if (!version) {
  console.warn('cfn-lint is not installed (pip install cfn-lint, or .ci/run): the templates are not linted');
}
const describeWithCfnLint = version ? describe : describe.skip;

describeWithCfnLint(`every packaged service template, checked by ${version ?? 'cfn-lint (absent: skipped)'}`, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mesh-cfn-lint-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has no cfn-lint error in any service', async () => {
    const templates = await packageMesh();
    const files = [...templates].map(([name, template]) => {
      const file = path.join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(template, null, 2));
      return file;
    });
    expect(files.length).toBeGreaterThan(1);
    // One run for every template (cfn-lint loads its resource specs once). It exits non-zero for warnings
    // too, so the verdict is read from its JSON report, not its exit code.
    const output = await run('cfn-lint', ['--format', 'json', '--', ...files], { maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string; stderr?: string; code?: number }) => {
        if (!error.stdout) throw new Error(`cfn-lint failed (code ${error.code}): ${error.stderr}`);
        return error.stdout;
      },
    );
    const matches = JSON.parse(output) as CfnLintMatch[];
    const errors = matches
      .filter((match) => match.Level === 'Error')
      .map(
        (match) =>
          `${path.basename(match.Filename)} ${match.Rule.Id} at ${(match.Location.Path ?? []).join('/')}: ${match.Message}`,
      );
    expect(errors).toEqual([]);
  }, 600_000);
});
