import { describe, expect, it } from 'vitest';
import {
  type FaceOptions,
  type RequestKind,
  readRequest,
  requestKind,
  searchOf,
} from '../../src/engine/request.js';
import { realCatalog } from '../helpers/catalog.js';

const catalog = realCatalog();

/** One line of every kind, with the face's options it needs: a new kind breaks this table. */
const EXAMPLE = {
  answer: { line: 'splunk', options: {} },
  checklist: { line: 'checklist splunk jenkins', options: {} },
  rules: { line: 'rules splunk as csv', options: {} },
  policy: { line: 'policy aws ec2', options: {} },
  check: { line: 'splunk delegate', options: { as: 'check' as const } },
} satisfies Record<RequestKind, { line: string; options: FaceOptions }>;

describe('readRequest: the one request path', () => {
  it.each(Object.entries(EXAMPLE))('reads "%s" lines as that kind', (kind, { line, options }) => {
    const request = readRequest(line, catalog, options as FaceOptions);
    expect(request.kind).toBe(kind);
    expect(request.query).toBe(line);
    // Every kind ran one search over its provider words, which found Splunk or AWS EC2.
    expect(searchOf(request).matches.map((m) => m.provider.id)).toContain(
      line.includes('aws') ? 'aws-ec2' : 'splunk',
    );
  });

  it("lets the face's controls fix the kind: --permissions, --format and --cluster, a tool", () => {
    expect(requestKind('aws ec2', { as: 'policy' })).toBe('policy');
    expect(requestKind('splunk', { format: 'k8s' })).toBe('rules');
    expect(requestKind('nexus', { cluster: 'prod3' })).toBe('rules');
    expect(requestKind('policy aws ec2', { as: 'answer' })).toBe('answer');
    expect(requestKind('splunk')).toBe('answer');
  });

  it('reads the CLI --format into the rules, and a check into its plan from the same rules', () => {
    const rules = readRequest('splunk', catalog, { format: 'csv' });
    expect(rules.kind === 'rules' && rules.rules.format).toBe('csv');
    const check = readRequest('splunk', catalog, {
      as: 'check',
      check: { to: [{ providerId: 'splunk', host: 'splunk.corp.example' }] },
    });
    if (check.kind !== 'check') throw new Error(`read as ${check.kind}`);
    expect(check.plan.targets.map((target) => [target.providerId, target.host, target.port])).toContainEqual([
      'splunk',
      'splunk.corp.example',
      8089,
    ]);
  });

  it('keeps a checklist that cannot be posted an answer that says why', () => {
    expect(readRequest('checklist', catalog).kind).toBe('answer');
    expect(readRequest('checklist frobnicator', catalog).kind).toBe('answer');
  });
});
