import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, tuneHeap } from '../src/heap.js';

describe('tuneHeap', () => {
  const run = (execArgv: string[], nodeOptions = '') => {
    const set: string[] = [];
    const flag = tuneHeap(execArgv, nodeOptions, (flags) => set.push(flags));
    return { flag, set };
  };

  it('sets the heap growing factor when the operator chose none', () => {
    expect(run(['--enable-source-maps'])).toEqual({
      flag: `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
      set: [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`],
    });
  });

  it("leaves the operator's own choice, on the command line or in NODE_OPTIONS, in either spelling", () => {
    expect(run(['--heap-growing-percent=200'])).toEqual({ flag: undefined, set: [] });
    expect(run(['--heap_growing_percent=200'])).toEqual({ flag: undefined, set: [] });
    expect(run([], '--max-old-space-size=256 --heap-growing-percent=200')).toEqual({
      flag: undefined,
      set: [],
    });
  });

  it('is a flag this Node accepts (V8 prints "unrecognized flag" for one it does not)', () => {
    const child = spawnSync(
      process.execPath,
      ['-e', `require('node:v8').setFlagsFromString('--heap-growing-percent=${HEAP_GROWING_PERCENT}')`],
      { encoding: 'utf8' },
    );
    expect(child.status).toBe(0);
    expect(child.stderr).toBe('');
    const unknown = spawnSync(
      process.execPath,
      ['-e', "require('node:v8').setFlagsFromString('--heap-growing-percentx=1')"],
      {
        encoding: 'utf8',
      },
    );
    expect(unknown.stderr).toContain('unrecognized flag');
  });
});
