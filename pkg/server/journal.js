// journal.js: the sync journal, an append-only NDJSON file. Every entry is written and fsynced
// before the step it records goes on, so a run killed at any point can be continued from what
// the file holds. A line cut short by the kill (no newline at the end) was never committed: it
// is dropped when the journal is opened again.

import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { VoucherifySyncError } from '../errors.js';

/**
 * Opens (or creates) the journal at `file`. `entries` are those of the last run (after its last
 * `start` entry); `finished` tells whether that run ended with a `done` entry.
 * @param {string} file
 */
export function openJournal(file) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error?.code !== 'ENOENT') throw new VoucherifySyncError('journal_unreadable', `the journal ${file} cannot be read: ${error.code ?? error.message}`);
  }
  const committed = text.endsWith('\n') || text === '' ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  const all = [];
  for (const [index, line] of committed.split('\n').entries()) {
    if (line === '') continue;
    try {
      all.push(JSON.parse(line));
    } catch {
      throw new VoucherifySyncError('journal_unreadable', `the journal ${file} has a line that is not JSON (line ${index + 1}); it was not written by this tool`);
    }
  }
  const fd = openSync(file, 'a+');
  if (text === '') syncFolder(dirname(file));
  if (committed.length !== text.length) {
    ftruncateSync(fd, Buffer.byteLength(committed));
    fsyncSync(fd);
  }
  const lastStart = all.findLastIndex((entry) => entry.type === 'start');
  let entries = lastStart === -1 ? [] : all.slice(lastStart);
  // Async actions any run of this journal sent or adopted: never adopted again.
  const actions = new Set(all.filter((entry) => entry.type === 'sent').map((entry) => entry.action));
  return {
    file,
    /** The entries of the last run, oldest first. */
    get entries() {
      return entries;
    },
    /** The ids of the async actions of every run in the journal. */
    get actions() {
      return actions;
    },
    /** True when there is no run yet or the last one finished. */
    get finished() {
      return entries.length === 0 || entries.at(-1).type === 'done';
    },
    /** Appends `entry` (with the time) and waits for it to reach the disk; `start` begins a new run. */
    append(entry) {
      const stamped = { ...entry, at: new Date().toISOString() };
      writeSync(fd, `${JSON.stringify(stamped)}\n`);
      fsyncSync(fd);
      if (entry.type === 'start') entries = [];
      if (entry.type === 'sent') actions.add(entry.action);
      entries.push(stamped);
      return stamped;
    },
    close() {
      closeSync(fd);
    },
  };
}

/** Flushes a folder's entries, so that a file just created or renamed in it survives a crash. */
export function syncFolder(folder) {
  let fd;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some systems cannot fsync a folder; the file's own fsync is what they offer.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
