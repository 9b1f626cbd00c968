import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROLE_CODES, type RoleCode } from '../../../src/domain/roles';
import {
  canTransition,
  normaliseStatus,
  PROCESSES,
  STATUSES,
  statusSatisfies,
  taskById,
  TASK_IDS,
  TASKS,
  tasksConsuming,
  tasksOf,
  tasksProducing,
  TRANSITIONS,
  transitionsOf,
  unmetInputs,
  WORK_PRODUCT_IDS,
  WORK_PRODUCTS,
  workProductById,
  workProductsOf,
  type Status,
  type Task,
  type TaskId,
  type WorkProductId,
} from '../../../src/domain/profile';

const sorted = <T>(xs: Iterable<T>): T[] => [...xs].sort();
const key = (wp: string, status: string): string => `${wp}:${status}`;

describe('D1 / GEN-02 the profile backbone: 4 processes, 40 tasks, 21 work products, 8 roles', () => {
  it('has the four processes GO, CO, RE, IN with their objectives (GEN-05, GAP-23) and activities', () => {
    expect(PROCESSES.map((p) => p.code)).toEqual(['GO', 'CO', 'RE', 'IN']);
    expect(PROCESSES.map((p) => p.name)).toEqual(['Governance', 'Service control', 'Service relationship', 'Service incident']);
    expect(PROCESSES.map((p) => p.objectives.map((o) => o.id))).toEqual([['GO.01', 'GO.02', 'GO.03', 'GO.04'], ['CO.01', 'CO.02'], ['RE.01', 'RE.02'], ['IN.01', 'IN.02']]);
    expect(PROCESSES.map((p) => p.activities.map((a) => a.id))).toEqual([['GO.1', 'GO.2', 'GO.3', 'GO.4'], ['CO.1', 'CO.2', 'CO.3'], ['RE.1', 'RE.2'], ['IN.1', 'IN.2']]);
  });

  it('has 40 unique tasks: GO 10, CO 14, RE 8, IN 8', () => {
    expect(TASKS).toHaveLength(40);
    expect(new Set(TASK_IDS).size).toBe(40);
    expect(['GO', 'CO', 'RE', 'IN'].map((p) => tasksOf(p as 'GO').length)).toEqual([10, 14, 8, 8]);
  });

  it('numbers each task inside its activity and process (GEN-05)', () => {
    for (const t of TASKS) {
      expect(t.id.startsWith(`${t.activity}.`)).toBe(true);
      expect(t.activity.startsWith(`${t.process}.`)).toBe(true);
      expect(PROCESSES.find((p) => p.code === t.process)!.activities.map((a) => a.id)).toContain(t.activity);
    }
  });

  it('has 21 work products WP.01–WP.21: GO 8, CO 8, RE 4, IN 1 (§3.1)', () => {
    expect(WORK_PRODUCT_IDS).toEqual(Array.from({ length: 21 }, (_, i) => `WP.${String(i + 1).padStart(2, '0')}`));
    expect(workProductsOf('GO').map((w) => w.id)).toEqual(['WP.01', 'WP.04', 'WP.05', 'WP.06', 'WP.07', 'WP.08', 'WP.14', 'WP.15']);
    expect(workProductsOf('CO').map((w) => w.id)).toEqual(['WP.02', 'WP.09', 'WP.11', 'WP.12', 'WP.13', 'WP.16', 'WP.17', 'WP.20']);
    expect(workProductsOf('RE').map((w) => w.id)).toEqual(['WP.03', 'WP.10', 'WP.19', 'WP.21']);
    expect(workProductsOf('IN').map((w) => w.id)).toEqual(['WP.18']);
  });

  it('uses the 8 roles of ROL-01 and nothing else', () => {
    expect(ROLE_CODES).toHaveLength(8);
    for (const t of TASKS) for (const r of t.roles) expect(ROLE_CODES).toContain(r);
    const used = new Set(TASKS.flatMap((t) => [...t.roles]));
    // ROL-23 / GAP-12: the IM performs no task in 002's tables.
    expect(sorted(used)).toEqual(['CM', 'CUS', 'MGT', 'PT', 'RM', 'SM', 'SUP']);
  });
});

/** Transcribed from REQUIREMENTS.md §3.1 (Table 14) and §3.2, normalised per WP-02, plus D20 (WP.07) and D21 (WP.12). */
const EXPECTED_STATUSES: Record<WorkProductId, readonly Status[]> = {
  'WP.01': ['Approved'],
  'WP.02': ['Stored', 'Updated'],
  'WP.03': ['Draft', 'Approved', 'Updated'],
  'WP.04': ['Approved'],
  'WP.05': ['Draft', 'Approved'],
  'WP.06': ['Maintained', 'Updated'],
  'WP.07': ['Draft', 'Approved', 'Rejected'],
  'WP.08': ['Approved', 'Updated'],
  'WP.09': ['Draft', 'Approved'],
  'WP.10': ['Draft', 'Approved', 'Updated'],
  'WP.11': ['Draft', 'Approved', 'Rejected', 'Approved & Updated'],
  'WP.12': ['Draft', 'Initial', 'Approved', 'Updated'],
  'WP.13': ['Initial', 'Final'],
  'WP.14': ['Draft', 'Approved', 'Updated'],
  'WP.15': ['Approved'],
  'WP.16': ['Approved'],
  'WP.17': ['Draft', 'Approved', 'Updated'],
  'WP.18': ['Opened', 'Updated', 'Closed'],
  'WP.19': ['Draft', 'Approved'],
  'WP.20': ['Published'],
  'WP.21': ['Draft', 'Approved', 'Updated'],
};

describe('WP-00 / WP-01 / WP-02 status sets', () => {
  it.each(WORK_PRODUCT_IDS)('%s has exactly the status set of §3.1/§3.2 (WP-02, D20, D21)', (id) => {
    expect(sorted(workProductById(id)!.statuses)).toEqual(sorted(EXPECTED_STATUSES[id]));
  });

  it('every status of every work product is in the vocabulary', () => {
    for (const wp of WORK_PRODUCTS) for (const s of wp.statuses) expect(STATUSES).toContain(s);
  });

  it('WP-02: normalises the source variants', () => {
    expect(normaliseStatus('WP.18', 'Open')).toBe('Opened');
    expect(normaliseStatus('WP.18', ' opened ')).toBe('Opened');
    expect(normaliseStatus('WP.14', 'Agreed')).toBe('Approved');
    expect(normaliseStatus('WP.11', 'Approved and Updated')).toBe('Approved & Updated');
    expect(normaliseStatus('WP.11', 'updated')).toBe('Approved & Updated');
    expect(normaliseStatus('WP.10', 'updated')).toBe('Updated');
    expect(normaliseStatus('WP.18', 'Approved')).toBeUndefined();
  });

  it('WP-03: WP.06, WP.13 and WP.16 are kept as configuration items (WP.13 as a secure master copy)', () => {
    expect(WORK_PRODUCTS.filter((w) => w.storedAsCi).map((w) => w.id)).toEqual(['WP.06', 'WP.13', 'WP.16']);
  });

  it('WP-04: WP.07 and WP.14 at least annually; WP.03 and WP.21 by their review date', () => {
    const withReview = WORK_PRODUCTS.filter((w) => w.review !== null).map((w) => [w.id, w.review!.kind]);
    expect(withReview).toEqual([['WP.03', 'review-date'], ['WP.07', 'periodic'], ['WP.14', 'periodic'], ['WP.21', 'review-date']]);
    const wp07 = workProductById('WP.07').review;
    expect(wp07.kind === 'periodic' && wp07.atLeastEveryMonths).toBe(12);
  });

  it('WP-00: the bold fields are required, e.g. all nine of WP.18 and all eleven of WP.11', () => {
    expect(workProductById('WP.18').fields.filter((f) => f.required)).toHaveLength(9);
    expect(workProductById('WP.11').fields.every((f) => f.required)).toBe(true);
    expect(workProductById('WP.16').fields.find((f) => f.name === 'senior responsible owner')?.required).toBe(true);
    expect(workProductById('WP.16').fields.find((f) => f.name === 'training')?.required).toBe(false);
    expect(workProductById('WP.06').fields.filter((f) => f.required).map((f) => f.name)).toContain('investigation outcome');
  });

  it('GEN-08: every work product has a unique identifier field, where Table 14 lists fields with one', () => {
    for (const id of ['WP.02', 'WP.03', 'WP.05', 'WP.06', 'WP.07', 'WP.11', 'WP.16', 'WP.18', 'WP.19', 'WP.20', 'WP.21'] as const) {
      expect(workProductById(id).fields.some((f) => f.name === 'unique identifier' && f.required)).toBe(true);
    }
  });
});

// ── Cross-check against the spec itself, when it is checked out next to the project (here and in CI) ──
const SPEC = resolve(__dirname, '../../../../shared/spec/REQUIREMENTS.md');
const describeWithSpec = existsSync(SPEC) ? describe : describe.skip;

describeWithSpec('REQUIREMENTS.md agrees with the data', () => {
  const text = existsSync(SPEC) ? readFileSync(SPEC, 'utf8') : '';
  const section = (from: string, to: string): string => text.slice(text.indexOf(from), text.indexOf(to));
  const cells = (line: string): string[] => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
  const processByName = new Map<string, string>(PROCESSES.map((p) => [p.name, p.code]));

  /** Additions to Table 14 that the product decided on purpose. */
  const ADDED: Partial<Record<WorkProductId, readonly Status[]>> = { 'WP.07': ['Rejected'] /* D20 */ };

  const masterRows = section('### 3.1 Master table', '### 3.2').split('\n').filter((l) => /^\| \*\*WP\.\d\d\*\* \|/.test(l)).map(cells);

  it('§3.1 lists the 21 work products', () => {
    expect(masterRows.map((c) => c[0]!.replace(/\*/g, ''))).toEqual([...WORK_PRODUCT_IDS]);
  });

  it.each(masterRows.map((c) => [c[0]!.replace(/\*/g, ''), c] as const))('%s: name, owning process and statuses match §3.1 (after WP-02)', (id, c) => {
    const wp = workProductById(id)!;
    expect(wp).toBeDefined();
    expect(c[1]).toBe(wp.name);
    expect(processByName.get(c[4]!)).toBe(wp.process);
    const bold = /\*\*([^*]+)\*\*/.exec(c[3]!)![1]!;
    const statuses = bold.split(',').map((s) => normaliseStatus(wp.id, s));
    expect(statuses).not.toContain(undefined);
    expect(sorted(new Set([...(statuses as Status[]), ...(ADDED[wp.id] ?? [])]))).toEqual(sorted(wp.statuses));
  });

  const taskRows = section('## 2. ', '## 3. ').split('\n').filter((l) => /^\| \*\*[A-Z]{2}\.\d\.\d\*\* \|/.test(l)).map(cells);
  const rowOf = (id: string): string[] => taskRows.find((c) => c[0] === `**${id}**`)!;

  it('§2 task tables list exactly the 40 task ids of the data', () => {
    expect(sorted(taskRows.map((c) => c[0]!.replace(/\*/g, '')))).toEqual(sorted(TASK_IDS));
  });

  it.each([...TASK_IDS])('%s: roles match §2', (id) => {
    const roles = [...rowOf(id)[1]!.matchAll(/\b(CM|CUS|IM|MGT|PT|RM|SM|SUP)\b/g)].map((m) => m[1]);
    expect(sorted(new Set(roles))).toEqual(sorted(taskById(id).roles));
  });

  // Names used in the §2 tables, beyond the Table 14 names.
  const ALIASES: Record<string, WorkProductId> = {
    'policy…': 'WP.14',
    'service delivery policy…': 'WP.14',
    'procedure(s)': 'WP.17',
    'configuration records': 'WP.02',
    'service design, build, test & deployment procedure': 'WP.17',
  };
  const wpByName = (name: string): WorkProductId | undefined => ALIASES[name.toLowerCase()] ?? WORK_PRODUCTS.find((w) => w.name.toLowerCase() === name.toLowerCase())?.id;
  /** "Name [Status]; Name [A, B]; Name [A], or [B] if …; *if …:* Name [Draft], managed by CO" → WP.nn:Status keys. */
  const refs = (cell: string): string[] => {
    const out: string[] = [];
    let previous = '';
    for (const m of cell.matchAll(/([^;[\]]*?)\s*\[([^\]]+)\]/g)) {
      const name = m[1]!.replace(/\*[^*]*\*/g, '').replace(/^[\s,;]*(or\b\s*)?/, '').trim() || previous;
      previous = name;
      const wp = wpByName(name);
      if (wp === undefined) throw new Error(`unknown work product name "${name}" in "${cell}"`);
      for (const raw of m[2]!.replace(/\*/g, '').split(/,| or /)) {
        const status = normaliseStatus(wp, raw);
        if (status === undefined) throw new Error(`unknown status "${raw}" of ${wp} in "${cell}"`);
        out.push(key(wp, status));
      }
    }
    return sorted(new Set(out));
  };

  it.each([...TASK_IDS])('%s: input and output work products and statuses match §2', (id) => {
    const task = taskById(id);
    const row = rowOf(id);
    expect(sorted(new Set(task.inputs.map((i) => key(i.wp, i.status))))).toEqual(refs(row[3]!));
    // Outputs with a `basis` are product additions (D20, RE.1.3 NOTE), not in the tables.
    expect(sorted(new Set(task.outputs.filter((o) => o.basis === undefined).map((o) => key(o.wp, o.status))))).toEqual(refs(row[4]!));
  });

  it('§3.2: every task named (in parentheses) for a work product realises one of its transitions', () => {
    const rows = section('### 3.2', '- **WP-02').split('\n').filter((l) => /^\| WP\.\d\d \|/.test(l)).map(cells);
    expect(rows).toHaveLength(21);
    for (const [id, text] of rows) {
      const named = [...text!.matchAll(/\(([^)]*)\)/g)].flatMap((p) => [...p[1]!.matchAll(/\b([A-Z]{2}\.\d\.\d)\b/g)].map((m) => m[1]));
      if (id === 'WP.11') expect(named).toEqual(['CO.1.2', 'IN.1.3', 'IN.2.2', 'IN.2.5', 'CO.2.1', 'CO.1.3', 'CO.3.2']);
      const realising = new Set(transitionsOf(id as WorkProductId).map((x) => x.task as string));
      for (const t of named) expect(`${id} ${t} ${realising.has(t!) ? 'ok' : 'missing'}`).toBe(`${id} ${t} ok`);
    }
  });
});

describe('referential integrity', () => {
  it('every task input and output names an existing work product in one of its statuses', () => {
    for (const t of TASKS as readonly Task[]) {
      for (const r of [...t.inputs, ...t.outputs]) {
        const wp = workProductById(r.wp);
        expect(wp).toBeDefined();
        expect(`${t.id} ${r.wp} ${(wp!.statuses as readonly string[]).includes(r.status) ? r.status : `bad ${r.status}`}`).toBe(`${t.id} ${r.wp} ${r.status}`);
      }
    }
  });

  it('every transition names an existing task, a status of its work product, and performers among its roles', () => {
    expect(TRANSITIONS.length).toBeGreaterThan(0);
    for (const x of TRANSITIONS) {
      expect(taskById(x.task)).toBeDefined();
      const statuses: readonly string[] = workProductById(x.wp).statuses;
      if (x.from !== null) expect(statuses).toContain(x.from);
      expect(statuses).toContain(x.to);
      expect(x.performers.length).toBeGreaterThan(0);
      for (const r of [...x.performers, ...x.signOff]) expect(x.roles).toContain(r);
      for (const r of x.roles) expect(ROLE_CODES).toContain(r);
    }
  });

  it('transitions without a stated basis use the roles of their task (ROL-11)', () => {
    for (const x of TRANSITIONS.filter((y) => y.basis === undefined)) expect(sorted(x.roles)).toEqual(sorted(taskById(x.task).roles));
  });

  it('every task output is put in place by a transition of that task (or kept, when it is also an input in that status)', () => {
    for (const t of TASKS as readonly Task[]) {
      for (const o of t.outputs) {
        const realised = TRANSITIONS.some((x) => x.task === t.id && x.wp === o.wp && x.to === o.status);
        const kept = t.inputs.some((i) => i.wp === o.wp && i.status === o.status);
        expect(`${t.id} → ${o.wp} [${o.status}]: ${realised || kept}`).toBe(`${t.id} → ${o.wp} [${o.status}]: true`);
      }
    }
  });

  it('a task that takes a work product in one status and gives it in another realises that transition', () => {
    for (const t of TASKS as readonly Task[]) {
      for (const i of t.inputs) {
        for (const o of t.outputs.filter((y) => y.wp === i.wp && y.status !== i.status)) {
          const found = TRANSITIONS.some((x) => x.task === t.id && x.wp === i.wp && x.from === i.status && x.to === o.status);
          expect(`${t.id} ${i.wp} ${i.status} → ${o.status}: ${found}`).toBe(`${t.id} ${i.wp} ${i.status} → ${o.status}: true`);
        }
      }
    }
  });

  it('every status of every produced work product is reachable, starting from a creation (WP.01 is external)', () => {
    for (const wp of WORK_PRODUCTS.filter((w) => w.origin === 'profile')) {
      const xs = transitionsOf(wp.id);
      expect(`${wp.id} created: ${xs.some((x) => x.from === null)}`).toBe(`${wp.id} created: true`);
      for (const s of wp.statuses) expect(`${wp.id} ${s}: ${xs.some((x) => x.to === s)}`).toBe(`${wp.id} ${s}: true`);
    }
    expect(transitionsOf('WP.01')).toHaveLength(0);
  });

  it('lookups: taskById / workProductById return undefined for unknown ids', () => {
    expect(taskById('CO.2.1').name).toMatch(/^Evaluate the service change request/);
    expect(taskById('XX.9.9')).toBeUndefined();
    expect(workProductById('WP.10').name).toBe('Service catalogue');
    expect(workProductById('WP.22')).toBeUndefined();
  });
});

describe('status machines and who may move them (WP-01, ROL-11)', () => {
  const ids = (tasks: readonly Task[]): TaskId[] => tasks.map((t) => t.id);
  const deny = (r: ReturnType<typeof canTransition>): string => (r.allowed ? `allowed by ${r.task}` : r.reason);

  it('WP.11: only a CM may approve (CO.2.1); CUS and SUP sign off', () => {
    const cm = canTransition('WP.11', 'Draft', 'Approved', ['CM']);
    expect(cm).toMatchObject({ allowed: true, task: 'CO.2.1', transition: { performers: ['CM'], signOff: ['CUS', 'SUP'] } });
    for (const roles of [['CUS'], ['SUP'], ['SM', 'MGT'], ['PT']] as RoleCode[][]) {
      const r = canTransition('WP.11', 'Draft', 'Approved', roles);
      expect(r.allowed).toBe(false);
      expect(deny(r)).toMatch(/^ROL-11: .*CO\.2\.1 .* by CM \(CUS, SUP sign off\)/);
    }
  });

  it('WP.11: CO.1.3 (SM, MGT) approves the request form/method, not individual requests (CO-16, GAP-11)', () => {
    expect(canTransition('WP.11', 'Draft', 'Approved', ['SM'], { scope: 'template' })).toMatchObject({ allowed: true, task: 'CO.1.3' });
    expect(canTransition('WP.11', 'Draft', 'Approved', ['CM'], { scope: 'template' }).allowed).toBe(false);
  });

  it('WP.11: rejected by the CM in CO.2.1, and a rejected request goes nowhere (CO-05)', () => {
    expect(canTransition('WP.11', 'Draft', 'Rejected', ['CM'])).toMatchObject({ allowed: true, task: 'CO.2.1' });
    expect(transitionsOf('WP.11').filter((x) => x.from === 'Rejected')).toEqual([]);
    expect(deny(canTransition('WP.11', 'Rejected', 'Approved', ['CM']))).toMatch(/^WP-01: WP\.11 .* has no transition Rejected → Approved\. From Rejected it may go to: none\./);
  });

  it('WP.11: deploy approval Approved → Approved & Updated by the CM with the customer (CO.3.2, CO-09)', () => {
    expect(canTransition('WP.11', 'Approved', 'Approved & Updated', ['CM'])).toMatchObject({ allowed: true, task: 'CO.3.2', transition: { signOff: ['CUS'] } });
    expect(canTransition('WP.11', 'Approved', 'Approved & Updated', ['CUS']).allowed).toBe(false);
    expect(deny(canTransition('WP.11', 'Approved', 'Updated' as Status, ['CM']))).toMatch(/^WP-01: "Updated" is not a status of WP\.11/);
  });

  it('WP.11: requests are drafted from incidents (IN.1.3, IN.2.2, IN.2.5), the catalogue (RE.1.3) and any source (CO.2.1 NOTE 2)', () => {
    expect(sorted(ids(tasksProducing('WP.11', 'Draft')))).toEqual(['CO.1.2', 'CO.2.1', 'IN.1.3', 'IN.2.2', 'IN.2.5', 'RE.1.3']);
    expect(canTransition('WP.11', null, 'Draft', ['PT'])).toMatchObject({ allowed: true, task: 'IN.2.2' });
    expect(canTransition('WP.11', null, 'Draft', ['CM'], { task: 'CO.2.1' })).toMatchObject({ allowed: true, task: 'CO.2.1' });
  });

  it('WP.18: Opened → Updated → Closed', () => {
    expect(canTransition('WP.18', null, 'Opened', ['PT'])).toMatchObject({ allowed: true, task: 'IN.2.1' });
    expect(canTransition('WP.18', null, 'Opened', ['CUS'])).toMatchObject({ allowed: true, task: 'IN.2.1' }); // IN-01: the customer reports
    expect(canTransition('WP.18', 'Opened', 'Updated', ['PT'])).toMatchObject({ allowed: true, task: 'IN.2.2' });
    expect(canTransition('WP.18', 'Updated', 'Updated', ['PT'])).toMatchObject({ allowed: true });
    expect(canTransition('WP.18', 'Updated', 'Closed', ['PT'])).toMatchObject({ allowed: true, task: 'IN.2.5', transition: { signOff: ['CUS', 'SUP'] } });
  });

  it('WP.18: closing needs the practitioner, with the affected parties confirming (IN.2.5, IN-11, D12)', () => {
    const r = canTransition('WP.18', 'Updated', 'Closed', ['CUS']);
    expect(deny(r)).toMatch(/^ROL-11: WP\.18 Updated → Closed .*IN\.2\.5 .* by PT \(CUS, SUP sign off\); roles held: CUS\./);
    expect(deny(canTransition('WP.18', 'Opened', 'Closed', ['PT']))).toMatch(/^WP-01: WP\.18 .* no transition Opened → Closed\. From Opened it may go to: Updated \(IN\.1\.3, IN\.2\.2, IN\.2\.3, IN\.2\.4\)\./);
    expect(deny(canTransition('WP.18', 'Closed', 'Updated', ['PT']))).toMatch(/^WP-01/);
    expect(deny(canTransition('WP.18', null, 'Opened', []))).toMatch(/^GEN-06: .*IN\.2\.1 .* by PT, CUS, SUP; roles held: none\./);
  });

  it('D20: an improvement report can be rejected (GO.4.2, by MGT with CUS/SUP)', () => {
    expect(workProductById('WP.07').statuses).toContain('Rejected');
    expect(canTransition('WP.07', 'Draft', 'Rejected', ['MGT'])).toMatchObject({ allowed: true, task: 'GO.4.2', transition: { basis: expect.stringMatching(/^D20/) } });
    expect(canTransition('WP.07', 'Draft', 'Approved', ['MGT'])).toMatchObject({ allowed: true, task: 'GO.4.2' });
    expect(canTransition('WP.07', 'Draft', 'Rejected', ['SM']).allowed).toBe(false);
    expect(ids(tasksProducing('WP.07', 'Rejected'))).toEqual(['GO.4.2']);
  });

  it('D21 / GAP-08: WP.12 Draft (CO.1.2) → Initial → Approved by SM or CM → Updated (CO.3.3)', () => {
    expect(canTransition('WP.12', null, 'Draft', ['CM'])).toMatchObject({ allowed: true, task: 'CO.1.2' });
    expect(canTransition('WP.12', 'Draft', 'Initial', ['CM'])).toMatchObject({ allowed: true, task: 'CO.1.2' });
    expect(canTransition('WP.12', 'Initial', 'Approved', ['SM']).allowed).toBe(true);
    expect(canTransition('WP.12', 'Initial', 'Approved', ['CM']).allowed).toBe(true);
    expect(deny(canTransition('WP.12', 'Initial', 'Approved', ['MGT']))).toMatch(/^ROL-11: .* by SM, CM \[D21/);
    expect(canTransition('WP.12', 'Initial', 'Updated', ['CM'])).toMatchObject({ allowed: true, task: 'CO.2.2' });
    expect(canTransition('WP.12', 'Approved', 'Updated', ['CM'], { task: 'CO.3.3' })).toMatchObject({ allowed: true, task: 'CO.3.3' });
  });

  it('D21 / GAP-09: WP.05 and WP.19 are created in Draft by the roles of the task that consumes them', () => {
    expect(canTransition('WP.05', null, 'Draft', ['SUP'])).toMatchObject({ allowed: true, task: 'GO.3.2' });
    expect(canTransition('WP.05', 'Draft', 'Approved', ['SM'])).toMatchObject({ allowed: true, task: 'GO.3.2' });
    expect(canTransition('WP.19', null, 'Draft', ['RM'])).toMatchObject({ allowed: true, task: 'RE.2.4' });
    expect(canTransition('WP.19', null, 'Draft', ['CUS']).allowed).toBe(false);
  });

  it('WP.13 / CO-09: a built change becomes Final only through CO.3.2, by the CM', () => {
    expect(ids(tasksProducing('WP.13', 'Final'))).toEqual(['CO.3.2']);
    expect(canTransition('WP.13', null, 'Initial', ['PT'])).toMatchObject({ allowed: true, task: 'CO.2.4' });
    expect(canTransition('WP.13', 'Initial', 'Final', ['PT']).allowed).toBe(false);
  });

  it('WP.14 / GO-07: Draft (SM, MGT) → Approved only by the SM (GO.2.2) → Updated (GO.2.4)', () => {
    expect(canTransition('WP.14', null, 'Draft', ['MGT'])).toMatchObject({ allowed: true, task: 'GO.2.1' });
    expect(canTransition('WP.14', 'Draft', 'Approved', ['MGT']).allowed).toBe(false);
    expect(canTransition('WP.14', 'Draft', 'Approved', ['SM'])).toMatchObject({ allowed: true, task: 'GO.2.2' });
    expect(canTransition('WP.14', 'Approved', 'Updated', ['CUS'])).toMatchObject({ allowed: true, task: 'GO.2.4' });
  });

  it('RE-09 / D18: a modified agreement goes back to Draft (RE.2.1) and is approved again (RE.2.2)', () => {
    for (const wp of ['WP.03', 'WP.21'] as const) {
      expect(canTransition(wp, 'Approved', 'Updated', ['SM'])).toMatchObject({ allowed: true, task: 'RE.2.5' });
      expect(canTransition(wp, 'Updated', 'Approved', ['SM', 'MGT']).allowed).toBe(false);
      expect(canTransition(wp, 'Updated', 'Draft', ['RM'])).toMatchObject({ allowed: true, task: 'RE.2.1' });
      expect(canTransition(wp, 'Draft', 'Approved', ['MGT'])).toMatchObject({ allowed: true, task: 'RE.2.2', transition: { signOff: ['CUS', 'SUP'] } });
      expect(canTransition(wp, 'Draft', 'Approved', ['CUS', 'SUP'], { task: 'RE.2.2' }).allowed).toBe(false);
    }
  });

  it('WP.01 is an external input: no task sets its status (GO-04, GEN-12)', () => {
    expect(deny(canTransition('WP.01', null, 'Approved', ['MGT']))).toMatch(/^WP\.01 Business goals and objectives is an external input/);
  });

  it('canTransition with a task that does not realise the transition says which task does', () => {
    expect(deny(canTransition('WP.10', 'Draft', 'Approved', ['SM'], { task: 'RE.1.1' }))).toMatch(/RE\.1\.1 does not realise it; RE\.1\.2 does\./);
  });

  it('tasksProducing / tasksConsuming', () => {
    expect(sorted(ids(tasksProducing('WP.02', 'Updated')))).toEqual(['CO.1.3', 'CO.1.4', 'CO.3.4', 'IN.2.2']);
    expect(sorted(ids(tasksProducing('WP.10', 'Updated')))).toEqual(['CO.3.4', 'RE.1.3']);
    expect(ids(tasksProducing('WP.20', 'Published'))).toEqual(['CO.3.1']);
    expect(sorted(ids(tasksConsuming('WP.11', 'Draft')))).toEqual(['CO.1.3', 'CO.2.1']);
    expect(sorted(ids(tasksConsuming('WP.20')))).toEqual(['CO.3.2']);
    // IN.2.3 / IN.2.4 read the policy "as agreed": Agreed = Approved (WP-02).
    expect(ids(tasksConsuming('WP.14', 'Approved'))).toEqual(expect.arrayContaining(['IN.2.3', 'IN.2.4', 'GO.4.1', 'CO.1.1', 'RE.1.1']));
    expect(taskById('IN.2.3').inputs.find((i) => i.wp === 'WP.14')).toMatchObject({ status: 'Approved', asWritten: 'Agreed' });
  });
});

describe('GEN-04 / D3 input preconditions', () => {
  it('CO-09: no deploy (CO.3.4) without a Final built change and approved procedures', () => {
    expect(unmetInputs('CO.3.4', { 'WP.17': 'Approved', 'WP.09': 'Approved', 'WP.13': 'Initial' }).map((i) => i.wp)).toEqual(['WP.13']);
    expect(unmetInputs('CO.3.4', { 'WP.17': 'Updated', 'WP.09': 'Approved', 'WP.13': 'Final' })).toEqual([]);
    expect(unmetInputs('CO.3.4', {}).map((i) => i.wp)).toEqual(['WP.17', 'WP.09', 'WP.13']);
  });

  it('an updated catalogue still satisfies "Approved", an updated agreement does not (RE-09)', () => {
    expect(statusSatisfies('WP.10', 'Updated', 'Approved')).toBe(true);
    expect(statusSatisfies('WP.03', 'Updated', 'Approved')).toBe(false);
    expect(statusSatisfies('WP.11', 'Approved & Updated', 'Approved')).toBe(true);
    expect(statusSatisfies('WP.11', 'Rejected', 'Approved')).toBe(false);
    expect(unmetInputs('IN.2.1', { 'WP.03': 'Updated', 'WP.21': 'Approved', 'WP.10': 'Updated', 'WP.02': 'Updated' }).map((i) => i.wp)).toEqual(['WP.03']);
  });
});
