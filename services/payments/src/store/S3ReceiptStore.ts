import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ReceiptStore } from './PaymentStore';

/**
 * Receipts as JSON objects in the service's bucket (encrypted at rest by the bucket's default).
 *
 * @example
 * await new S3ReceiptStore(process.env.RECEIPTS_BUCKET!).put('receipts/ord-1.json', receipt);
 */
export class S3ReceiptStore implements ReceiptStore {
  constructor(
    private readonly bucket: string,
    private readonly client = new S3Client({}),
  ) {}

  async put(key: string, receipt: object): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: JSON.stringify(receipt),
        ContentType: 'application/json',
      }),
    );
  }
}
