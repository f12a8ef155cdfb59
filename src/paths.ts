// Where the repository's data lives, whether we run from src/ (tsx, jest) or from dist/ (npm start).
import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'locales'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root above ${start}`);
    dir = parent;
  }
}

export const ROOT_DIR = findRoot(__dirname);
export const DATA_DIR = path.join(ROOT_DIR, 'data');
export const LOCALES_DIR = path.join(ROOT_DIR, 'locales');
