import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { FilesConfig } from "./config";

/**
 * Where uploads (imports) and job outputs are kept, by key (`<tenant id>/imports/<sha256>.csv`): a
 * directory locally, the private bucket of infra/files.ts in AWS. Keys start with the tenant id, like
 * every DynamoDB key. The S3 client is loaded on first use, so the API's cold start does not pay for it
 * (`@aws-sdk/*` comes from the Lambda runtime, outside the bundle).
 */
export interface FileStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file's bytes, or undefined when there is none under this key. */
  get(key: string): Promise<Uint8Array | undefined>;
}

const KEY = /^(ter|fed|fun)_[0-9A-Z]{26}\/[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes("..")) throw new Error("Invalid file key");
  return key;
}

export function localStore(dir: string): FileStore {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    const path = resolve(join(root, checkKey(key)));
    if (!path.startsWith(root + sep)) throw new Error("Invalid file key");
    return path;
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written aside then renamed: a reader never sees half a file.
      const partial = `${path}.${process.pid}.${Date.now()}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, path);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return undefined;
        throw error;
      }
    },
  };
}

export function s3Store(bucket: string): FileStore {
  let client: import("@aws-sdk/client-s3").S3Client | undefined;
  const s3 = async () => {
    const sdk = await import("@aws-sdk/client-s3");
    client ??= new sdk.S3Client({});
    return { sdk, client };
  };
  return {
    async put(key, bytes, contentType) {
      const { sdk, client } = await s3();
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: bucket,
          Key: checkKey(key),
          Body: bytes,
          ContentType: contentType,
        }),
      );
    },
    async get(key) {
      const { sdk, client } = await s3();
      try {
        const result = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: checkKey(key) }));
        return result.Body ? await result.Body.transformToByteArray() : undefined;
      } catch (error) {
        if ((error as { name?: string }).name === "NoSuchKey") return undefined;
        throw error;
      }
    },
  };
}

const stores = new Map<string, FileStore>();

/** One store per configuration (the route and the job of a process share it). */
export function fileStore(config: FilesConfig): FileStore {
  const id = config.kind === "s3" ? `s3:${config.bucket}` : `local:${resolve(config.dir)}`;
  let store = stores.get(id);
  if (!store) {
    store = config.kind === "s3" ? s3Store(config.bucket) : localStore(config.dir);
    stores.set(id, store);
  }
  return store;
}
