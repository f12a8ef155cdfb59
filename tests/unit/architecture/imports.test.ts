// Guards the folder rules of DESIGN.md section 2.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function files(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return files(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

function imports(file: string): string[] {
  const src = fs.readFileSync(path.join(root, file), 'utf8');
  return [...src.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

function resolved(file: string, spec: string): string {
  return spec.startsWith('.') ? path.relative(root, path.resolve(path.dirname(path.join(root, file)), spec)) : spec;
}

describe('architecture rules', () => {
  it('only src/config reads process.env', () => {
    const offenders = [...files('src'), ...files('dialogs')]
      .filter((f) => !f.startsWith(path.join('src', 'config')))
      .filter((f) => /process\.env/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('dialogs never import channels, http, storage models, provider SDKs or config values', () => {
    const banned = [/^src\/channels/, /^src\/http/, /^src\/storage/, /^twilio$/, /^@alicloud\//, /^express$/, /^mongoose$/];
    const offenders = files('dialogs').flatMap((f) =>
      imports(f)
        .map((s) => resolved(f, s))
        .filter((s) => banned.some((b) => b.test(s)))
        .map((s) => `${f} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('services import no framework (botbuilder, express, SDKs, mongoose)', () => {
    const banned = [/^botbuilder/, /^express$/, /^twilio$/, /^@alicloud\//, /^mongoose$/, /^src\/channels/, /^src\/http/, /^dialogs/];
    const offenders = files('src/services').flatMap((f) =>
      imports(f)
        .map((s) => resolved(f, s))
        .filter((s) => banned.some((b) => b.test(s)))
        .map((s) => `${f} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('channels never import dialogs', () => {
    const offenders = files('src/channels').flatMap((f) =>
      imports(f)
        .map((s) => resolved(f, s))
        .filter((s) => s.startsWith('dialogs'))
        .map((s) => `${f} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });
});
