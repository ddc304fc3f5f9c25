import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** Where a claim-checked payload waits: enough for any subscriber to fetch it. */
export interface ClaimCheckRef {
  bucket: string;
  key: string;
  sizeBytes: number;
}

/** Stores payloads too large for the bus and hands them back by reference. */
export interface ClaimCheckStore {
  put(key: string, body: string): Promise<ClaimCheckRef>;
  get(ref: ClaimCheckRef): Promise<string>;
}

/** Above this size the publisher stores an event's data aside (when it has a store). */
export const DEFAULT_CLAIM_CHECK_THRESHOLD_BYTES = 256 * 1024;

/**
 * Claim-check payloads in an S3 bucket the producing service owns (subscribers need s3:GetObject on it).
 *
 * @example
 * const store = new S3ClaimCheckStore({ bucket: process.env.CLAIMS_BUCKET! });
 * const bus = new EventPublisher({ eventBusName, claimCheck: { store } });
 */
export class S3ClaimCheckStore implements ClaimCheckStore {
  private readonly client: S3Client;
  constructor(private readonly options: { bucket: string; prefix?: string; client?: S3Client }) {
    this.client = options.client ?? new S3Client({});
  }

  async put(key: string, body: string): Promise<ClaimCheckRef> {
    const fullKey = `${this.options.prefix ?? 'claims/'}${key}`;
    await this.client.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: fullKey, Body: body, ContentType: 'application/json' }),
    );
    return { bucket: this.options.bucket, key: fullKey, sizeBytes: Buffer.byteLength(body, 'utf8') };
  }

  async get(ref: ClaimCheckRef): Promise<string> {
    const answer = await this.client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
    if (!answer.Body) throw new Error(`claim-check s3://${ref.bucket}/${ref.key} has no body`);
    return answer.Body.transformToString('utf8');
  }
}

/** Keeps payloads in memory: for unit tests. */
export class InMemoryClaimCheckStore implements ClaimCheckStore {
  readonly objects = new Map<string, string>();
  async put(key: string, body: string): Promise<ClaimCheckRef> {
    this.objects.set(key, body);
    return { bucket: 'memory', key, sizeBytes: Buffer.byteLength(body, 'utf8') };
  }
  async get(ref: ClaimCheckRef): Promise<string> {
    const body = this.objects.get(ref.key);
    if (body === undefined) throw new Error(`claim-check ${ref.key} not found`);
    return body;
  }
}

export const isClaimCheckRef = (value: unknown): value is ClaimCheckRef =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ClaimCheckRef).bucket === 'string' &&
  typeof (value as ClaimCheckRef).key === 'string';
