/**
 * GEN-02: the four processes of ISO/IEC TR 29110-5-3 (seed 002 §1.1, §5, Clauses 6–9), with their purpose,
 * objectives (GEN-05 ids "GO.01"; 002 prints "G0.0x", normalised per GAP-23) and activities (GO-03, CO-04,
 * RE-04, IN-04). Names follow the "Source" column of 002 Table 14.
 */
export const PROCESS_CODES = ['GO', 'CO', 'RE', 'IN'] as const;
export type ProcessCode = (typeof PROCESS_CODES)[number];

export const PROCESSES = [
  {
    code: 'GO',
    name: 'Governance',
    clause: '002 Clause 6',
    // GO-01
    purpose: 'Establish a system for directing and controlling service delivery activities within the VSE; define the scope, responsibilities and leadership requirements.',
    // GO-02
    objectives: [
      { id: 'GO.01', text: 'Define the scope of the service delivery activities and assign authority.' },
      { id: 'GO.02', text: 'Implement a service delivery policy, objectives and plan(s).' },
      { id: 'GO.03', text: 'Establish a management structure.' },
      { id: 'GO.04', text: 'Report on and improve the services provided to customers.' },
    ],
    // GO-03
    activities: [
      { id: 'GO.1', name: 'Define the scope of activity and required roles', table: 'Table 2' },
      { id: 'GO.2', name: 'Define and implement governance structures', table: 'Table 3' },
      { id: 'GO.3', name: 'Manage resources including documentation', table: 'Table 4' },
      { id: 'GO.4', name: 'Complete reporting and improvement activities', table: 'Table 5' },
    ],
  },
  {
    code: 'CO',
    name: 'Service control',
    clause: '002 Clause 7',
    // CO-02
    purpose: 'Support and control change to defined vital business services and mitigate the associated risk of change, including design of new or changed services, retirement and transfer of services.',
    // CO-03
    objectives: [
      { id: 'CO.01', text: 'Control and manage change to services and subsequent deployments.' },
      { id: 'CO.02', text: 'Secure and mitigate risks to data and information assets.' },
    ],
    // CO-04
    activities: [
      { id: 'CO.1', name: 'Manage change to services', table: 'Table 6' },
      { id: 'CO.2', name: 'Evaluate and build the service change', table: 'Table 7' },
      { id: 'CO.3', name: 'Test and deploy approved service change', table: 'Table 8' },
    ],
  },
  {
    code: 'RE',
    name: 'Service relationship',
    clause: '002 Clause 8',
    // RE-02
    purpose: 'Maintain relationships with customers and suppliers, supported by documented agreements (service catalogue, SLAs, contracts), communication and feedback.',
    // RE-03
    objectives: [
      { id: 'RE.01', text: 'Define clear, mutually beneficial agreements between the VSE, its customers and suppliers.' },
      { id: 'RE.02', text: 'Complete regular reviews with stakeholders to ensure current and future needs are met.' },
    ],
    // RE-04
    activities: [
      { id: 'RE.1', name: 'Create and/or maintain a suitable service catalogue', table: 'Table 9' },
      { id: 'RE.2', name: 'Establish and manage agreements with customers and suppliers', table: 'Table 10' },
    ],
  },
  {
    code: 'IN',
    name: 'Service incident',
    clause: '002 Clause 9',
    // IN-02
    purpose: 'Restore service to the business with minimal disruption, or prevent incidents from occurring.',
    // IN-03
    objectives: [
      { id: 'IN.01', text: 'Prevent incidents to ensure services are available and delivered as agreed.' },
      { id: 'IN.02', text: 'Manage incidents, including communication, to maximize the service experience.' },
    ],
    // IN-04
    activities: [
      { id: 'IN.1', name: 'Prevent incidents', table: 'Table 11' },
      { id: 'IN.2', name: 'Manage incidents', table: 'Table 12' },
    ],
  },
] as const satisfies readonly {
  code: ProcessCode;
  name: string;
  clause: string;
  purpose: string;
  objectives: readonly { id: `${ProcessCode}.0${number}`; text: string }[];
  activities: readonly { id: `${ProcessCode}.${number}`; name: string; table: string }[];
}[];

export type Process = (typeof PROCESSES)[number];
export type ObjectiveId = Process['objectives'][number]['id'];
export type ActivityId = Process['activities'][number]['id'];

export function processByCode(code: ProcessCode): Process {
  const p = PROCESSES.find((x) => x.code === code);
  if (!p) throw new Error(`unknown process ${code}`); // unreachable: PROCESSES covers PROCESS_CODES
  return p;
}
