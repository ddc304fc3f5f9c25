import type { RequestListener } from 'node:http';

/** The AWS services the edge endpoint knows how to recognise, named as in their SigV4 credential scope. */
export const AWS_SERVICES = [
  'sqs',
  's3',
  'sns',
  'sts',
  'events',
  'dynamodb',
  'dynamodbstreams',
  'lambda',
  'scheduler',
] as const;

export type AwsService = (typeof AWS_SERVICES)[number];

/**
 * Where the edge sends one service's requests: the base URL of an emulator to reverse-proxy to
 * (`http://127.0.0.1:4576`), or an in-process request listener.
 */
export type EdgeRoute = string | RequestListener;

export type EdgeRoutes = Partial<Record<AwsService, EdgeRoute>>;
