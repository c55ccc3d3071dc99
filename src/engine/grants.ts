import type { Provider, Source } from '../catalog/schema.js';

/**
 * Permission snippets: the exact grants a source names (an AWS managed policy, an IAM action, a
 * token scope, a GCP or Azure role, a Vault ACL path), read from the catalog's permission sentences.
 * Each grant quotes the sentence it comes from (`statement`, the catalog's words exactly): a grant
 * whose sentence the catalog no longer has is dropped, and the tests check that every grant's value
 * is written in its sentence. Nothing here is a grant the source does not name; where the source is
 * loose or contradicts itself, the grant is held with the reason (`hold`). Pure: no I/O.
 */

export type GrantKind =
  | 'aws-managed-policy'
  | 'aws-action'
  | 'token-scope'
  | 'gcp-role'
  | 'azure-role'
  | 'vault-path';

export interface Grant {
  kind: GrantKind;
  /** What to grant, as the source writes it: "AmazonEC2FullAccess", "ec2:DescribeRegions", "repo", "Reader". */
  value: string;
  /** Only needed for this use, in the source's words ("S3 write", "ECR push"): written held. */
  when?: string;
  /** One of several ways the source offers ("roles/secretmanager.admin, or …"): written held, pick one. */
  alternative?: string;
  /** Vault: the capabilities the source lists for the path. */
  capabilities?: string[];
  /** AWS actions: the resource the source names ("bucket/*"); none: the action applies to all ("*"). */
  resource?: string;
  /** The token a scope belongs to: "GitHub personal access token". */
  token?: string;
  /** Why the grant must be checked before use (the source is loose or contradicts itself). */
  hold?: string;
  /** The catalog's permission sentence the grant comes from, exactly. */
  statement: string;
}

/** A grant with the provider it is for and the page its sentence comes from. */
export interface ProviderGrant extends Grant {
  providerId: string;
  providerName: string;
  source: Source;
}

const DESCRIBE_REGIONS = (statement: string): Grant => ({
  kind: 'aws-action',
  value: 'ec2:DescribeRegions',
  statement,
});

/** The grants each provider's permission sentences name, by provider id. */
const GRANTS: Readonly<Record<string, readonly Grant[]>> = {
  'aws-cloud': [DESCRIBE_REGIONS('DescribeRegions required.')],
  'aws-codedeploy': [
    { kind: 'aws-managed-policy', value: 'AWSCodeDeployRole', statement: 'Policy: AWSCodeDeployRole' },
    {
      kind: 'aws-managed-policy',
      value: 'AWSCodeDeployDeployerAccess',
      statement: 'Policy: AWSCodeDeployDeployerAccess',
    },
    DESCRIBE_REGIONS('DescribeRegions required also.'),
  ],
  'aws-ec2': [
    { kind: 'aws-managed-policy', value: 'AmazonEC2FullAccess', statement: 'Policy: AmazonEC2FullAccess' },
    DESCRIBE_REGIONS('DescribeRegions required also.'),
  ],
  'aws-elb-alb-ecs': [DESCRIBE_REGIONS('DescribeRegions required also.')],
  'aws-s3': [
    {
      kind: 'aws-managed-policy',
      value: 'AmazonS3ReadOnlyAccess',
      statement: 'Policy: AmazonS3ReadOnlyAccess.',
    },
    DESCRIBE_REGIONS('DescribeRegions required also.'),
  ],
  'aws-connector': [
    DESCRIBE_REGIONS(
      'An IAM user with programmatic access; ec2:DescribeRegions is required for every AWS connector.',
    ),
    {
      kind: 'aws-managed-policy',
      value: 'AmazonS3ReadOnlyAccess',
      when: 'S3 read',
      statement: 'S3 read: AmazonS3ReadOnlyAccess plus DescribeRegions; S3 write: s3:*Object on bucket/*.',
    },
    {
      kind: 'aws-action',
      value: 's3:*Object',
      resource: 'bucket/*',
      when: 'S3 write',
      statement: 'S3 read: AmazonS3ReadOnlyAccess plus DescribeRegions; S3 write: s3:*Object on bucket/*.',
    },
    {
      kind: 'aws-managed-policy',
      value: 'AmazonEC2ContainerRegistryReadOnly',
      when: 'ECR pull',
      statement: 'ECR pull: AmazonEC2ContainerRegistryReadOnly; push: AmazonEC2ContainerRegistryFullAccess.',
    },
    {
      kind: 'aws-managed-policy',
      value: 'AmazonEC2ContainerRegistryFullAccess',
      when: 'ECR push',
      statement: 'ECR pull: AmazonEC2ContainerRegistryReadOnly; push: AmazonEC2ContainerRegistryFullAccess.',
    },
  ],
  'aws-secrets-manager': ['secretsmanager:Describe*', 'secretsmanager:Get*', 'secretsmanager:List*'].map(
    (value): Grant => ({
      kind: 'aws-action',
      value,
      statement: 'Minimum: secretsmanager:Describe*, secretsmanager:Get*, secretsmanager:List*.',
    }),
  ),
  'cloudwatch-health-source': [
    DESCRIBE_REGIONS(
      'Through an AWS connector, whose credentials need ec2:DescribeRegions (Resource *) for every AWS connector.',
    ),
    ...[
      ['logs:DescribeLogGroups', 'arn:aws:logs:*:<AWS_ACCOUNT>:*'],
      ['logs:StartQuery', 'arn:aws:logs:*:<AWS_ACCOUNT>:log-group:log-group-1:*'],
      ['logs:GetQueryResults', 'arn:aws:logs:*:<AWS_ACCOUNT>:log-group:log-group-1:*'],
    ].map(
      ([value, resource]): Grant => ({
        kind: 'aws-action',
        value: value!,
        resource: resource!,
        statement:
          'CloudWatch Logs: logs:DescribeLogGroups on arn:aws:logs:*:<AWS_ACCOUNT>:*, and logs:StartQuery and logs:GetQueryResults on the log groups queried (e.g. arn:aws:logs:*:<AWS_ACCOUNT>:log-group:log-group-1:*); enough for an AWS connector with access keys.',
      }),
    ),
    ...['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'].map(
      (value): Grant => ({
        kind: 'aws-action',
        value,
        when: 'Assume IAM role on delegate (STS) or IRSA',
        statement:
          "Assume IAM role on delegate (STS) or IRSA: the logs role's trust policy allows sts:AssumeRole from the delegate's (or service account's) role, and that role needs sts:AssumeRole and sts:AssumeRoleWithWebIdentity.",
      }),
    ),
  ],
  'aws-codecommit-connector': [
    {
      kind: 'aws-managed-policy',
      value: 'AWSCodeCommitPowerUser',
      statement:
        'The IAM account used to connect to CodeCommit (with either connector) must have the AWSCodeCommitPowerUser and DescribeRegions policies; DescribeRegions is required for all AWS connections.',
    },
    DESCRIBE_REGIONS(
      'The IAM account used to connect to CodeCommit (with either connector) must have the AWSCodeCommitPowerUser and DescribeRegions policies; DescribeRegions is required for all AWS connections.',
    ),
  ],
  'gcp-kms-secret-manager': [
    {
      kind: 'gcp-role',
      value: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      statement:
        'Service account key: the service account needs Cloud KMS CryptoKey Encrypter/Decrypter (roles/cloudkms.cryptoKeyEncrypterDecrypter).',
    },
  ],
  'azure-repos-connector': [
    {
      kind: 'token-scope',
      value: 'Code: Full',
      token: 'Azure DevOps personal access token',
      statement:
        'Git Experience (Source Code Manager settings page): an Azure DevOps personal access token with the scope Code: Full.',
    },
  ],
  'dynatrace-connector': ['Read metrics', 'Read entities'].map(
    (value): Grant => ({
      kind: 'token-scope',
      value,
      token: 'Dynatrace API token',
      statement:
        'The URL of your Dynatrace account and an API token with the scopes Read metrics (to fetch data for verification) and Read entities (to list Dynatrace services and their metrics).',
    }),
  ),
  'google-cloud-operations-connector': ['logging.viewer', 'compute.networkViewer', 'monitoring.viewer'].map(
    (value): Grant => ({
      kind: 'gcp-role',
      value,
      when: value === 'logging.viewer' ? 'Stackdriver Logs' : 'Stackdriver Metrics',
      statement:
        'Stackdriver Logs: minimum role logging.viewer. Stackdriver Metrics: minimum roles compute.networkViewer and monitoring.viewer.',
    }),
  ),
  'github-connector': ['repo', 'user', 'admin:repo_hook'].map(
    (value): Grant => ({
      kind: 'token-scope',
      value,
      token: 'GitHub personal access token',
      statement:
        "Personal access token: the token's owner must have admin permission on the repository; scopes repo, user and admin:repo_hook (there is no read-only option).",
    }),
  ),
  'gitlab-connector': ['api', 'read_repository', 'write_repository'].map(
    (value): Grant => ({
      kind: 'token-scope',
      value,
      token: 'GitLab personal access token',
      statement: 'Personal access token scopes: api, read_repository, write_repository.',
    }),
  ),
  jira: ['read:jira-user', 'read:jira-work', 'write:jira-work'].map(
    (value): Grant => ({
      kind: 'token-scope',
      value,
      token: 'Jira scoped API token',
      statement: 'Scoped API token: read:jira-user, read:jira-work, write:jira-work.',
    }),
  ),
  gcp: [
    { kind: 'gcp-role', value: 'Kubernetes Engine Admin', statement: 'Policy: Kubernetes Engine Admin.' },
    { kind: 'gcp-role', value: 'Storage Object Viewer', statement: 'Policy: Storage Object Viewer.' },
  ],
  'gcp-connector': [
    {
      kind: 'gcp-role',
      value: 'roles/container.clusterAdmin',
      when: 'GKE',
      hold: 'the docs pair this role ID with the title "Kubernetes Engine Developer", a different role: check which one you mean',
      statement:
        'GKE: "Kubernetes Engine Developer (roles/container.clusterAdmin)" plus Storage Object Viewer (the docs pair this role title with a different role ID).',
    },
    {
      kind: 'gcp-role',
      value: 'Storage Object Viewer',
      when: 'GKE',
      statement:
        'GKE: "Kubernetes Engine Developer (roles/container.clusterAdmin)" plus Storage Object Viewer (the docs pair this role title with a different role ID).',
    },
    ...['Storage Object Viewer', 'Storage Object Admin'].map(
      (value): Grant => ({
        kind: 'gcp-role',
        value,
        when: 'GCS and GCR',
        statement:
          'GCS and GCR: Storage Object Viewer and Storage Object Admin. Google Artifact Registry: Artifact Registry Reader and Writer.',
      }),
    ),
    ...['Artifact Registry Reader', 'Artifact Registry Writer'].map(
      (value): Grant => ({
        kind: 'gcp-role',
        value,
        when: 'Google Artifact Registry',
        statement:
          'GCS and GCR: Storage Object Viewer and Storage Object Admin. Google Artifact Registry: Artifact Registry Reader and Writer.',
      }),
    ),
    {
      kind: 'gcp-role',
      value: 'logging.viewer',
      when: 'Stackdriver logs',
      statement: 'Stackdriver logs: logging.viewer; metrics: compute.networkViewer and monitoring.viewer.',
    },
    ...['compute.networkViewer', 'monitoring.viewer'].map(
      (value): Grant => ({
        kind: 'gcp-role',
        value,
        when: 'Stackdriver metrics',
        statement: 'Stackdriver logs: logging.viewer; metrics: compute.networkViewer and monitoring.viewer.',
      }),
    ),
  ],
  'gcp-secret-manager': [
    {
      kind: 'gcp-role',
      value: 'roles/secretmanager.admin',
      alternative: 'roles/secretmanager.admin alone',
      statement:
        'roles/secretmanager.admin, or roles/secretmanager.secretAccessor plus roles/secretmanager.secretVersionManager.',
    },
    ...['roles/secretmanager.secretAccessor', 'roles/secretmanager.secretVersionManager'].map(
      (value): Grant => ({
        kind: 'gcp-role',
        value,
        alternative: 'roles/secretmanager.secretAccessor with roles/secretmanager.secretVersionManager',
        statement:
          'roles/secretmanager.admin, or roles/secretmanager.secretAccessor plus roles/secretmanager.secretVersionManager.',
      }),
    ),
  ],
  'azure-connector': [
    {
      kind: 'azure-role',
      value: 'Reader',
      when: 'ACR, at subscription or resource group (not only AcrPull)',
      statement:
        'ACR: Reader at subscription or resource group ("Don\'t provide only the AcrPull role"; it must list all registries).',
    },
    {
      kind: 'azure-role',
      value: 'Contributor',
      when: 'Web Apps',
      statement:
        'Web Apps: Contributor. AKS with a service principal or managed identity: Owner, or a custom role with the listed actions (incl. Microsoft.ContainerService/managedClusters/listClusterUserCredential/action).',
    },
    {
      kind: 'azure-role',
      value: 'Owner',
      when: 'AKS, or a custom role with the listed actions',
      statement:
        'Web Apps: Contributor. AKS with a service principal or managed identity: Owner, or a custom role with the listed actions (incl. Microsoft.ContainerService/managedClusters/listClusterUserCredential/action).',
    },
    {
      kind: 'azure-role',
      value: 'Contributor',
      when: 'ARM (Owner at tenant for role assignments)',
      statement:
        'ARM: Contributor (Owner at tenant for role assignments); Blueprints: Contributor or Owner by scope.',
    },
  ],
  'azure-key-vault': [
    {
      kind: 'azure-role',
      value: 'Reader',
      statement: 'Reader role on the subscription (to fetch the vaults).',
    },
  ],
  'hashicorp-vault': [
    {
      kind: 'vault-path',
      value: 'secret/*',
      capabilities: ['create', 'update', 'list', 'read', 'delete'],
      statement:
        'ACL example: path "secret/*" { capabilities = ["create","update","list","read","delete"] }; a read-only secret manager needs read and list.',
    },
    {
      kind: 'vault-path',
      value: 'auth/token/renew-self',
      capabilities: ['read', 'update'],
      statement: 'auth/token/renew-self: read and update; sys/mounts: read, to fetch the secret engines.',
    },
    {
      kind: 'vault-path',
      value: 'sys/mounts',
      capabilities: ['read'],
      statement: 'auth/token/renew-self: read and update; sys/mounts: read, to fetch the secret engines.',
    },
  ],
};

/** The providers that have grants (for tests and help). */
export const PROVIDERS_WITH_GRANTS: readonly string[] = Object.keys(GRANTS);

/** The grants a provider's permission sentences name; none when its sentences name no exact grant. */
/** Whether a provider's sentences name any exact grant: grantsFor without building the grants. */
export function hasGrants(provider: Provider): boolean {
  return (GRANTS[provider.id] ?? []).some((grant) => provider.permissions.includes(grant.statement));
}

export function grantsFor(provider: Provider): ProviderGrant[] {
  return (GRANTS[provider.id] ?? [])
    .filter((grant) => provider.permissions.includes(grant.statement))
    .map((grant) => ({
      ...grant,
      providerId: provider.id,
      providerName: provider.name,
      source: provider.source,
    }));
}
