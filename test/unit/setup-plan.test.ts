import fc from 'fast-check';
import { FIELD_SLOTS, FIELD_SPECS, FIELD_KINDS, describeStepId, stepCount, fieldsNeedingOptions, planSetup, profileSlots, RECORD_SLOTS, type RecordSlot, type SetupPlan, type SetupStep, type SetupWants, type SiteInventory } from '../../src/domain/setup-plan';

/**
 * The setup wizard's plan (issue #4): what an admin sees proposed for a JSM project and for a plain Jira project,
 * and that carrying the plan out leaves nothing to do (idempotent) from any point part-way (resumable).
 */
const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const CORE: SetupWants = { slots: profileSlots({ problem: false, 'service-request': false }) };
const ALL: SetupWants = { slots: profileSlots({ problem: true, 'service-request': true }) };

/** A JSM site like the sandbox's demo seed: project SD with Incident, Change, Problem, Service request and the ITSM fields. */
function jsm(): SiteInventory {
  return {
    project: { id: '10000', key: 'SD', name: 'Acme Managed Services', projectTypeKey: 'service_desk', issueTypeIds: ['10001', '10002', '10003', '10004'] },
    issueTypes: [
      { id: '10001', name: 'Incident', subtask: false }, { id: '10002', name: 'Change', subtask: false }, { id: '10003', name: 'Problem', subtask: false },
      { id: '10004', name: 'Service request', subtask: false }, { id: '10005', name: 'Task', subtask: false },
    ],
    fields: [
      { id: 'summary', name: 'Summary', custom: false, type: null }, { id: 'labels', name: 'Labels', custom: false, type: null },
      { id: 'customfield_10010', name: 'Impact', custom: true, type: `${CF}select` },
      { id: 'customfield_10011', name: 'Urgency', custom: true, type: `${CF}select` },
      { id: 'customfield_10012', name: 'Change type', custom: true, type: `${CF}select` },
      { id: 'customfield_10013', name: 'Affected services', custom: true, type: `${CF}multiselect` },
      { id: 'customfield_10014', name: 'Planned start', custom: true, type: `${CF}datetime` },
      { id: 'customfield_10015', name: 'Planned end', custom: true, type: `${CF}datetime` },
      // JSM's approvals field and the plan fields of its change request type.
      { id: 'customfield_10016', name: 'Approvers', custom: true, type: `${CF}multiuserpicker` },
      { id: 'customfield_10017', name: 'Implementation plan', custom: true, type: `${CF}textarea` },
      { id: 'customfield_10018', name: 'Backout plan', custom: true, type: `${CF}textarea` },
      { id: 'customfield_10019', name: 'Test plan', custom: true, type: `${CF}textarea` },
    ],
    options: {
      customfield_10010: ['High', 'Medium', 'Low'], customfield_10011: ['High', 'Medium', 'Low'],
      customfield_10012: ['Standard', 'Normal', 'Emergency'], customfield_10013: ['Managed e-mail', 'Web hosting'],
    },
  };
}

/** A fresh plain Jira site: one business project with Task only, no custom fields. */
function plain(): SiteInventory {
  return {
    project: { id: '10000', key: 'OPS', name: 'Operations', projectTypeKey: 'business', issueTypeIds: ['10002'] },
    issueTypes: [{ id: '10002', name: 'Task', subtask: false }],
    fields: [{ id: 'summary', name: 'Summary', custom: false, type: null }],
    options: {},
  };
}

/** What Jira does for a step, applied to an inventory (the executor's effects as the sandbox and Jira answer them). */
function apply(inv: SiteInventory, step: SetupStep): SiteInventory {
  const next: SiteInventory = structuredClone(inv);
  const newId = (prefix: string) => `${prefix}${20000 + next.issueTypes.length + next.fields.length}`;
  switch (step.kind) {
    case 'create-issue-type': next.issueTypes.push({ id: newId(''), name: step.name, subtask: false }); break;
    case 'add-issue-type-to-project': next.project.issueTypeIds.push(step.issueTypeId!); break;
    case 'create-field': next.fields.push({ id: newId('customfield_'), name: step.name, custom: true, type: step.type }); break;
    case 'add-field-options': next.options[step.fieldId!] = [...(next.options[step.fieldId!] ?? []), ...step.values]; break;
  }
  return next;
}

/** Runs the wizard as the UI does: the first step of a fresh plan, until nothing is left. */
function runAll(inv: SiteInventory, wants: SetupWants, limit = 100): { inventory: SiteInventory; executed: string[]; plan: SetupPlan } {
  const executed: string[] = [];
  let plan = planSetup(inv, wants);
  while (!plan.nothingToDo) {
    if (executed.length >= limit) throw new Error(`no progress after ${limit} steps: ${plan.steps.map((s) => s.id).join(', ')}`);
    const step = plan.steps[0]!;
    executed.push(step.id);
    inv = apply(inv, step);
    plan = planSetup(inv, wants);
  }
  return { inventory: inv, executed, plan };
}

describe('profileSlots (D2)', () => {
  it('always has the four core records and the optional ones only when their module is on', () => {
    expect(profileSlots({ problem: false, 'service-request': false })).toEqual(['incident', 'service-change-request', 'customer-agreement', 'supplier-agreement']);
    expect(profileSlots({ problem: true, 'service-request': false })).toEqual(['incident', 'service-change-request', 'customer-agreement', 'supplier-agreement', 'problem']);
    expect(profileSlots({ problem: true, 'service-request': true })).toEqual([...RECORD_SLOTS]);
  });
});

describe('planSetup on a JSM project', () => {
  const plan = planSetup(jsm(), CORE);

  it('reuses the existing Incident and Change issue types and plans only the agreements', () => {
    expect(plan.issueTypes).toEqual([
      expect.objectContaining({ slot: 'incident', action: 'reuse', issueTypeId: '10001', name: 'Incident' }),
      expect.objectContaining({ slot: 'service-change-request', action: 'reuse', issueTypeId: '10002', name: 'Change' }),
      expect.objectContaining({ slot: 'customer-agreement', action: 'create', issueTypeId: null, name: 'Customer agreement' }),
      expect.objectContaining({ slot: 'supplier-agreement', action: 'create', issueTypeId: null, name: 'Supplier agreement' }),
    ]);
    expect(plan.mapping.issueTypes).toEqual({ incident: { id: '10001', name: 'Incident' }, 'service-change-request': { id: '10002', name: 'Change' } });
  });

  it('reuses Impact, Urgency, Change type, Affected services, Planned start/end and JSM’s change plans, and creates only the missing fields', () => {
    const action = Object.fromEntries(plan.fields.map((f) => [f.slot, [f.action, f.fieldId]]));
    expect(action).toEqual({
      impact: ['reuse', 'customfield_10010'], urgency: ['reuse', 'customfield_10011'], changeType: ['reuse', 'customfield_10012'],
      affectedServices: ['reuse', 'customfield_10013'], plannedStart: ['reuse', 'customfield_10014'], plannedEnd: ['reuse', 'customfield_10015'],
      impactedCis: ['create', null], rootCause: ['create', null], majorIncident: ['create', null], securityIncident: ['create', null],
      implementationPlan: ['reuse', 'customfield_10017'], testPlan: ['reuse', 'customfield_10019'], backoutPlan: ['reuse', 'customfield_10018'],
      businessImpact: ['create', null], builder: ['create', null], deployer: ['create', null],
    });
    expect(plan.steps.map((s) => s.id)).toEqual([
      'issuetype:create:customer-agreement', 'issuetype:add:customer-agreement', 'issuetype:create:supplier-agreement', 'issuetype:add:supplier-agreement',
      'field:create:impactedCis', 'field:create:rootCause', 'field:create:majorIncident', 'field:options:majorIncident', 'field:create:securityIncident', 'field:options:securityIncident',
      'field:create:businessImpact', 'field:create:builder', 'field:create:deployer',
    ]);
    expect(plan.warnings).toEqual([]);
    expect(plan.nothingToDo).toBe(false);
  });

  it('reads JSM’s "Standard" change type as Pre-approved (D15) instead of adding a Pre-approved option', () => {
    expect(plan.mapping.optionAliases).toEqual({ changeType: { Standard: 'Pre-approved' } });
    expect(plan.steps.some((s) => s.id === 'field:options:changeType')).toBe(false);
    expect(plan.fields.find((f) => f.slot === 'changeType')!.reason).toContain('"Standard" counts as Pre-approved');
  });

  it('adds a required option a reused select list lacks', () => {
    const inv = jsm();
    inv.options.customfield_10012 = ['Normal'];
    const p = planSetup(inv, CORE);
    expect(p.fields.find((f) => f.slot === 'changeType')).toMatchObject({ action: 'add-options', fieldId: 'customfield_10012' });
    expect(p.steps.find((s) => s.id === 'field:options:changeType')).toEqual({ id: 'field:options:changeType', kind: 'add-field-options', slot: 'changeType', fieldId: 'customfield_10012', values: ['Pre-approved', 'Emergency'], title: 'Add the options "Pre-approved" and "Emergency" to "Change type"' });
    expect(p.mapping.fields.changeType).toEqual({ id: 'customfield_10012', name: 'Change type' });
  });

  it('reuses Problem and Service request when their modules are on (D2) and never plans them otherwise', () => {
    const on = planSetup(jsm(), ALL);
    expect(on.mapping.issueTypes.problem).toEqual({ id: '10003', name: 'Problem' });
    expect(on.mapping.issueTypes['service-request']).toEqual({ id: '10004', name: 'Service request' });
    expect(plan.issueTypes.map((t) => t.slot)).not.toContain('problem');
    expect(plan.mapping.issueTypes.problem).toBeUndefined();
  });

  it('finishes in the thirteen steps it planned, after which a plan has nothing to do', () => {
    const run = runAll(jsm(), CORE);
    expect(run.executed).toEqual(plan.steps.map((s) => s.id));
    expect(run.plan.nothingToDo).toBe(true);
    expect(run.plan.steps).toEqual([]);
    expect(Object.keys(run.plan.mapping.issueTypes).sort()).toEqual([...CORE.slots].sort());
    expect(Object.keys(run.plan.mapping.fields).sort()).toEqual([...FIELD_SLOTS].sort());
  });
});

describe('planSetup on a plain Jira project', () => {
  const plan = planSetup(plain(), ALL);

  it('creates and adds every issue type, and creates every field with its options', () => {
    expect(plan.issueTypes.map((t) => [t.slot, t.action, t.name])).toEqual([
      ['incident', 'create', 'Incident'], ['service-change-request', 'create', 'Service change request'], ['customer-agreement', 'create', 'Customer agreement'],
      ['supplier-agreement', 'create', 'Supplier agreement'], ['problem', 'create', 'Problem'], ['service-request', 'create', 'Service request'],
    ]);
    expect(plan.fields.every((f) => f.action === 'create' && f.fieldId === null)).toBe(true);
    const ids = plan.steps.map((s) => s.id);
    for (const slot of ALL.slots) expect(ids.indexOf(`issuetype:create:${slot}`)).toBeLessThan(ids.indexOf(`issuetype:add:${slot}`));
    for (const slot of FIELD_SLOTS) expect(ids).toContain(`field:create:${slot}`);
    expect(ids.filter((id) => id.startsWith('field:options:')).sort()).toEqual(['field:options:changeType', 'field:options:impact', 'field:options:majorIncident', 'field:options:securityIncident', 'field:options:urgency']);
    expect(plan.mapping.issueTypes).toEqual({});
    expect(plan.mapping.fields).toEqual({});
    expect(plan.nothingToDo).toBe(false);
  });

  it('creates each field with Jira’s type key and the searcher Jira lists for it', () => {
    const create = (slot: string) => plan.steps.find((s) => s.id === `field:create:${slot}`) as Extract<SetupStep, { kind: 'create-field' }>;
    expect(create('impact')).toMatchObject({ name: 'Impact', type: `${CF}select`, searcherKey: `${CF}multiselectsearcher` });
    expect(create('affectedServices')).toMatchObject({ name: 'Affected services', type: `${CF}multiselect`, searcherKey: `${CF}multiselectsearcher` });
    expect(create('impactedCis')).toMatchObject({ name: 'Impacted CIs', type: `${CF}labels`, searcherKey: `${CF}labelsearcher` });
    expect(create('plannedStart')).toMatchObject({ name: 'Planned start', type: `${CF}datetime`, searcherKey: `${CF}datetimerange` });
    expect(create('rootCause')).toMatchObject({ name: 'Root cause', type: `${CF}textarea`, searcherKey: `${CF}textsearcher` });
    expect(create('majorIncident')).toMatchObject({ name: 'Major incident', type: `${CF}multicheckboxes`, searcherKey: `${CF}multiselectsearcher` });
    expect(create('implementationPlan')).toMatchObject({ name: 'Implementation plan', type: `${CF}textarea`, searcherKey: `${CF}textsearcher` });
    expect(create('backoutPlan')).toMatchObject({ name: 'Back-out plan', type: `${CF}textarea`, searcherKey: `${CF}textsearcher` });
    expect(create('builder')).toMatchObject({ name: 'Builder', type: `${CF}userpicker`, searcherKey: `${CF}userpickergroupsearcher` });
    expect(create('deployer')).toMatchObject({ name: 'Deployer', type: `${CF}userpicker`, searcherKey: `${CF}userpickergroupsearcher` });
  });

  it('titles the change fields in words (issue #13)', () => {
    const title = (id: string) => plan.steps.find((s) => s.id === id)?.title;
    expect(title('field:create:builder')).toBe('Create the field "Builder" (user picker)');
    expect(title('field:create:testPlan')).toBe('Create the field "Test plan" (paragraph)');
    expect(describeStepId('field:create:deployer')).toBe('Create the field "Deployer" (user picker)');
  });

  it('titles each step the way the wizard lists it', () => {
    const title = (id: string) => plan.steps.find((s) => s.id === id)?.title;
    expect(title('issuetype:create:customer-agreement')).toBe('Create the issue type "Customer agreement"');
    expect(title('issuetype:add:incident')).toBe('Add "Incident" to project OPS');
    expect(title('field:create:rootCause')).toBe('Create the field "Root cause" (paragraph)');
    expect(title('field:options:changeType')).toBe('Add the options "Pre-approved", "Emergency" and "Normal" to "Change type"');
    expect(title('field:options:majorIncident')).toBe('Add the option "Major incident" to "Major incident"');
    expect(title('field:create:majorIncident')).toBe('Create the field "Major incident" (checkboxes)');
    expect(describeStepId('issuetype:create:customer-agreement')).toBe('Create the issue type "Customer agreement"');
    expect(describeStepId('field:options:changeType')).toBe('Add the options of "Change type"');
    expect(describeStepId('field:create:nope')).toBeNull();
    // Issue #12 §2: sentences, not "labels field for impacted cis" or "step(s)".
    const reason = plan.fields.find((f) => f.slot === 'impactedCis')?.reason;
    if (plan.fields.find((f) => f.slot === 'impactedCis')?.action === 'create') expect(reason).toBe('The site has no field "Impacted CIs" (labels) yet.');
    expect(stepCount(1)).toBe('1 step');
    expect(stepCount(10)).toBe('10 steps');
    expect(describeStepId('drop table')).toBeNull();
  });

  it('leaves nothing to do once every step is applied, with every slot mapped and no aliases', () => {
    const run = runAll(plain(), ALL);
    expect(run.executed).toEqual(plan.steps.map((s) => s.id));
    expect(run.plan.nothingToDo).toBe(true);
    expect(run.plan.issueTypes.every((t) => t.action === 'reuse')).toBe(true);
    expect(run.plan.fields.every((f) => f.action === 'reuse')).toBe(true);
    expect(run.plan.mapping.optionAliases).toEqual({});
    expect(run.plan.mapping.fields.majorIncident?.name).toBe('Major incident');
  });

  it('turning a module on later plans only its issue type', () => {
    const core = runAll(plain(), CORE).inventory;
    const later = planSetup(core, ALL);
    expect(later.steps.map((s) => s.id)).toEqual(['issuetype:create:problem', 'issuetype:add:problem', 'issuetype:create:service-request', 'issuetype:add:service-request']);
  });
});

describe('reuse rules', () => {
  it('adds a site issue type to the project rather than creating a second one', () => {
    const inv = plain();
    inv.issueTypes.push({ id: '10001', name: 'Incident', subtask: false }, { id: '10009', name: 'rfc ', subtask: false });
    const p = planSetup(inv, CORE);
    expect(p.issueTypes.slice(0, 2)).toEqual([
      expect.objectContaining({ slot: 'incident', action: 'add-to-project', issueTypeId: '10001' }),
      expect.objectContaining({ slot: 'service-change-request', action: 'add-to-project', issueTypeId: '10009', name: 'rfc ' }),
    ]);
    expect(p.steps.filter((s) => s.slot === 'incident')).toEqual([{ id: 'issuetype:add:incident', kind: 'add-issue-type-to-project', slot: 'incident', issueTypeId: '10001', name: 'Incident', title: 'Add "Incident" to project OPS' }]);
    expect(p.mapping.issueTypes.incident).toBeUndefined();
  });

  it('prefers the project’s own type over a site type, and the profile’s name over a synonym', () => {
    const inv = plain();
    inv.issueTypes.push({ id: '10001', name: 'Change', subtask: false }, { id: '10003', name: 'Service change request', subtask: false });
    inv.project.issueTypeIds.push('10001', '10003');
    expect(planSetup(inv, CORE).mapping.issueTypes['service-change-request']).toEqual({ id: '10003', name: 'Service change request' });
    inv.project.issueTypeIds = ['10002', '10001'];
    expect(planSetup(inv, CORE).mapping.issueTypes['service-change-request']).toEqual({ id: '10001', name: 'Change' });
  });

  it('never maps a sub-task, and names its own type "(29110)" when a sub-task holds the name', () => {
    const inv = plain();
    inv.issueTypes.push({ id: '10001', name: 'Incident', subtask: true });
    const p = planSetup(inv, CORE);
    expect(p.issueTypes[0]).toMatchObject({ slot: 'incident', action: 'create', name: 'Incident (29110)' });
    expect(p.warnings).toEqual([expect.stringContaining('"Incident" (10001) is a sub-task')]);
    const done = runAll(inv, CORE);
    expect(done.plan.mapping.issueTypes.incident?.name).toBe('Incident (29110)');
  });

  it('does not reuse a same-named field of an incompatible type: creates "<Name> (29110)" and says why', () => {
    const inv = jsm();
    inv.fields.push({ id: 'customfield_10020', name: 'Root cause', custom: true, type: `${CF}textfield` });
    inv.fields.push({ id: 'customfield_10021', name: 'Major incident', custom: true, type: `${CF}select` });
    inv.options.customfield_10021 = ['Yes', 'No'];
    const p = planSetup(inv, CORE);
    expect(p.fields.find((f) => f.slot === 'rootCause')).toMatchObject({ action: 'create', name: 'Root cause (29110)', fieldId: null });
    expect(p.steps.find((s) => s.id === 'field:create:rootCause')).toMatchObject({ name: 'Root cause (29110)', title: 'Create the field "Root cause (29110)" (paragraph)' });
    expect(p.warnings).toEqual([
      'The field "Root cause" (customfield_10020) has the type "short text" but the app needs "paragraph"; the wizard leaves it alone and creates "Root cause (29110)" instead.',
      'The field "Major incident" (customfield_10021) has the type "select list" but the app needs "checkboxes"; the wizard leaves it alone and creates "Major incident (29110)" instead.',
    ]);
    // After the wizard ran, the (29110) fields are the mapping and the originals stay untouched.
    const done = runAll(inv, CORE);
    expect(done.plan.mapping.fields.rootCause).toEqual({ id: expect.not.stringMatching(/^customfield_10020$/), name: 'Root cause (29110)' });
    expect(done.inventory.options.customfield_10021).toEqual(['Yes', 'No']);
  });

  it('takes datetime only for planned dates, a paragraph only for the root cause, and checkboxes or multi-select for services', () => {
    const inv = plain();
    inv.fields.push(
      { id: 'customfield_10030', name: 'Planned start', custom: true, type: `${CF}datepicker` },
      { id: 'customfield_10031', name: 'Affected service', custom: true, type: `${CF}multicheckboxes` },
      { id: 'customfield_10032', name: 'Configuration items', custom: true, type: `${CF}labels` },
      { id: 'customfield_10033', name: 'Change start date', custom: true, type: `${CF}datetime` },
    );
    const p = planSetup(inv, CORE);
    const f = (slot: string) => p.fields.find((x) => x.slot === slot)!;
    expect(f('plannedStart')).toMatchObject({ action: 'reuse', fieldId: 'customfield_10033' });
    expect(f('affectedServices')).toMatchObject({ action: 'reuse', fieldId: 'customfield_10031' });
    expect(f('impactedCis')).toMatchObject({ action: 'reuse', fieldId: 'customfield_10032' });
    expect(p.warnings).toEqual([]);
  });

  it('takes a single user picker only for the builder and deployer (D7 compares one person), and JSM’s "Backout plan" as the back-out plan', () => {
    const inv = plain();
    inv.fields.push(
      { id: 'customfield_10060', name: 'Builder', custom: true, type: `${CF}multiuserpicker` },
      { id: 'customfield_10061', name: 'Deployer', custom: true, type: `${CF}userpicker` },
      { id: 'customfield_10062', name: 'Backout plan', custom: true, type: `${CF}textarea` },
    );
    const p = planSetup(inv, CORE);
    const f = (slot: string) => p.fields.find((x) => x.slot === slot)!;
    expect(f('builder')).toMatchObject({ action: 'create', name: 'Builder (29110)' });
    expect(f('deployer')).toMatchObject({ action: 'reuse', fieldId: 'customfield_10061' });
    expect(f('backoutPlan')).toMatchObject({ action: 'reuse', fieldId: 'customfield_10062', name: 'Backout plan' });
    expect(p.warnings).toEqual(['The field "Builder" (customfield_10060) has the type "multi-user picker" but the app needs "user picker"; the wizard leaves it alone and creates "Builder (29110)" instead.']);
  });

  it('matches names trimmed and case-insensitively, option values too, and records the site spelling as an alias', () => {
    const inv = plain();
    inv.fields.push({ id: 'customfield_10040', name: ' impact ', custom: true, type: `${CF}select` });
    inv.options.customfield_10040 = ['high', 'Medium', 'LOW'];
    const p = planSetup(inv, CORE);
    expect(p.fields.find((x) => x.slot === 'impact')).toMatchObject({ action: 'reuse', fieldId: 'customfield_10040' });
    expect(p.mapping.optionAliases.impact).toEqual({ high: 'High', LOW: 'Low' });
  });

  it('asks for the options of candidate option fields only', () => {
    const inv = jsm();
    inv.fields.push({ id: 'customfield_10050', name: 'Colour', custom: true, type: `${CF}select` }, { id: 'customfield_10051', name: 'Impact', custom: true, type: `${CF}textfield` });
    expect(fieldsNeedingOptions(inv.fields)).toEqual(['customfield_10010', 'customfield_10011', 'customfield_10012']);
  });

  it('gives the same plan whatever order Jira lists things in', () => {
    const inv = jsm();
    inv.fields.push({ id: 'customfield_10099', name: 'Impact', custom: true, type: `${CF}select` });
    inv.options.customfield_10099 = [];
    const reference = planSetup(inv, ALL);
    fc.assert(fc.property(fc.shuffledSubarray(inv.issueTypes, { minLength: inv.issueTypes.length }), fc.shuffledSubarray(inv.fields, { minLength: inv.fields.length }), (types, fields) => {
      expect(planSetup({ ...inv, issueTypes: types, fields }, ALL)).toEqual(reference);
    }));
    expect(reference.mapping.fields.impact).toEqual({ id: 'customfield_10010', name: 'Impact' });
  });
});

describe('idempotent and resumable (property)', () => {
  const slotsArb = fc.subarray([...RECORD_SLOTS], { minLength: 0 }) as fc.Arbitrary<RecordSlot[]>;
  const siteArb = fc.record({
    base: fc.constantFrom(jsm, plain),
    extraTypes: fc.subarray([{ id: '10050', name: 'Customer agreement', subtask: false }, { id: '10051', name: 'Problem', subtask: true }, { id: '10052', name: 'Change request', subtask: false }]),
    extraFields: fc.subarray([
      { id: 'customfield_10060', name: 'Root cause', custom: true, type: `${CF}textfield` },
      { id: 'customfield_10061', name: 'Urgency', custom: true, type: `${CF}select` },
      { id: 'customfield_10062', name: 'Major incident', custom: true, type: `${CF}multicheckboxes` },
    ]),
  });

  it('reaches nothing-to-do in at most the first plan’s number of steps, from any site and after stopping anywhere', () => {
    fc.assert(fc.property(siteArb, slotsArb, fc.nat(20), ({ base, extraTypes, extraFields }, slots, stopAfter) => {
      const inv = base();
      inv.issueTypes.push(...extraTypes);
      inv.fields.push(...extraFields);
      const wants = { slots };
      const first = planSetup(inv, wants);
      // Stop part-way (a failure or a closed browser), then a fresh run continues from the site as it is.
      let site = inv;
      let plan = first;
      for (let i = 0; i < stopAfter && !plan.nothingToDo; i++) { site = apply(site, plan.steps[0]!); plan = planSetup(site, wants); }
      const rest = runAll(site, wants);
      expect(Math.min(stopAfter, first.steps.length) + rest.executed.length).toBe(first.steps.length);
      expect(rest.plan.nothingToDo).toBe(true);
      expect(Object.keys(rest.plan.mapping.issueTypes).sort()).toEqual([...slots].sort());
      expect(Object.keys(rest.plan.mapping.fields).sort()).toEqual([...FIELD_SLOTS].sort());
      // Every required option is there, directly or through an alias.
      for (const slot of FIELD_SLOTS) {
        const id = rest.plan.mapping.fields[slot]!.id;
        const values = (rest.inventory.options[id] ?? []).map((v) => rest.plan.mapping.optionAliases[slot]?.[v] ?? v.trim());
        for (const o of FIELD_SPECS[slot].options) expect(values.map((v) => v.toLowerCase())).toContain(o.toLowerCase());
        expect(FIELD_SPECS[slot].compatible).toContain(rest.inventory.fields.find((f) => f.id === id)!.type);
      }
    }), { numRuns: 200 });
  });

  it('keeps step ids stable across re-plans', () => {
    const first = planSetup(plain(), ALL);
    const afterOne = planSetup(apply(plain(), first.steps[0]!), ALL);
    expect(afterOne.steps.map((s) => s.id)).toEqual(first.steps.slice(1).map((s) => s.id));
    expect(FIELD_KINDS.select.type).toBe(`${CF}select`);
  });
});
