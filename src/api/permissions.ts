/**
 * Permissions per operation, as Microsoft documents them (spec §5): a request passes when its token grants any
 * permission in the list, as a delegated scope (`scp`) or an application role (`roles`).
 */
const P = 'IndustryData';

function readWrite(area: string) {
  return {
    read: [`${P}-${area}.Read.All`, `${P}-${area}.ReadWrite.All`],
    write: [`${P}-${area}.ReadWrite.All`],
  };
}

export const PERMISSIONS = {
  outboundFlows: readWrite('OutboundFlow'),
  referenceDefinitions: readWrite('ReferenceDefinition'),
  sourceSystems: readWrite('SourceSystem'),
  inboundFlows: readWrite('InboundFlow'),
  dataConnectors: {
    ...readWrite('DataConnector'),
    upload: [`${P}-DataConnector.Upload`, `${P}-DataConnector.ReadWrite.All`],
  },
  years: readWrite('TimePeriod'),
  runs: { read: [`${P}-Run.Read.All`], write: [`${P}-Run.Start`, `${P}.ReadWrite.All`] },
  /** rosterlink's own /rosterlink/v1 admin API and the embedded directory's /v1.0 users subset. */
  directory: {
    read: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    write: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  },
  metadata: { read: [] as string[] },
} as const;

/** Every permission the local `token` command can grant with `--scopes all`. */
export function allPermissions(): string[] {
  const all = new Set<string>();
  for (const area of Object.values(PERMISSIONS))
    for (const list of Object.values(area)) for (const p of list) all.add(p);
  return [...all].sort();
}
