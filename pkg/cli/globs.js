// globs.js: the input files of a command, from names and glob patterns (`*`, `?`, `[abc]`, `**`
// for any depth), for shells and CI steps that pass patterns unexpanded (Windows, quoted globs).

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from './args.js';

const MAGIC = /[*?[]/;

/**
 * The files `patterns` name, in order, each once: a name without wildcards as is (a missing
 * file is reported when opened), a pattern as the sorted files it matches; a pattern that
 * matches nothing is an error.
 * @param {string[]} patterns
 * @returns {Promise<string[]>}
 */
export async function expandFiles(patterns) {
  const files = [];
  for (const pattern of patterns) {
    if (pattern === '-' || !MAGIC.test(pattern)) {
      files.push(pattern);
      continue;
    }
    const matches = await matchPattern(pattern);
    if (matches.length === 0) throw new CliError(`no file matches ${JSON.stringify(pattern)}`);
    files.push(...matches);
  }
  return [...new Set(files)];
}

async function matchPattern(pattern) {
  const segments = pattern.split('/');
  const absolute = pattern.startsWith('/');
  let bases = [absolute ? '/' : ''];
  const rest = absolute ? segments.slice(1) : segments;
  for (const [index, segment] of rest.entries()) {
    const last = index === rest.length - 1;
    const next = [];
    for (const base of bases) {
      if (segment === '**') {
        next.push(...(await directoriesUnder(base)));
      } else if (!MAGIC.test(segment)) {
        next.push(join(base, segment));
      } else {
        const test = segmentRegExp(segment);
        for (const entry of await entries(base)) {
          if (!test.test(entry.name) || (entry.name.startsWith('.') && !segment.startsWith('.'))) continue;
          if (last ? entry.isFile() : entry.isDirectory()) next.push(join(base, entry.name));
        }
      }
    }
    bases = next;
  }
  const found = [];
  for (const path of bases) if (await isFile(path)) found.push(path);
  return found.sort();
}

/** `base` and every directory under it (not hidden ones), for `**`. */
async function directoriesUnder(base) {
  const all = [base];
  for (const entry of await entries(base)) {
    if (entry.isDirectory() && !entry.name.startsWith('.')) all.push(...(await directoriesUnder(join(base, entry.name))));
  }
  return all;
}

async function entries(dir) {
  try {
    return await readdir(dir === '' ? '.' : dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

async function isFile(path) {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (await entries(dir === '' && path.startsWith('/') ? '/' : dir)).some((entry) => entry.name === name && entry.isFile());
}

/** One path segment's wildcards as an anchored regular expression. */
function segmentRegExp(segment) {
  let source = '';
  for (let index = 0; index < segment.length; index += 1) {
    const char = segment[index];
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[' && segment.indexOf(']', index + 2) > 0) {
      const end = segment.indexOf(']', index + 2);
      const body = segment.slice(index + 1, end).replace(/^!/, '^').replace(/[\\\]]/g, '\\$&');
      source += `[${body}]`;
      index = end;
    } else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
