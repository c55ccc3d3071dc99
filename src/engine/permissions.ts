/**
 * Permissions the source writes as a fragment, and how the answers say them as a sentence. The keys
 * are the source's words exactly (the catalog keeps them as they are); only the wording shown changes.
 */
const PERMISSION_SENTENCES: ReadonlyMap<string, string> = new Map([
  ['DescribeRegions required.', 'Allow ec2:DescribeRegions.'],
  ['DescribeRegions required also.', 'Also allow ec2:DescribeRegions.'],
]);

/** A permission as cards show it: the sentence for a fragment, else the source's words. */
export function permissionText(permission: string): string {
  return PERMISSION_SENTENCES.get(permission) ?? permission;
}

/** A permission as a checklist task: "Grant: …", unless its sentence already says what to do. */
export function permissionTask(permission: string): string {
  return PERMISSION_SENTENCES.get(permission) ?? `Grant: ${permission}`;
}
