import { dataKey } from "./storage";

/**
 * Files: spreadsheets uploaded for import and the exports (steering-committee packs) that jobs write.
 * Private, encrypted with the data key, kept 30 days (the table keeps what was imported; an export can
 * be generated again). Locally the same job code keeps files under `.data/files/`.
 */
export const files = new sst.aws.Bucket("Files", {
  transform: {
    bucket: (args) => {
      args.forceDestroy = $app.stage !== "production";
    },
  },
});

new aws.s3.BucketServerSideEncryptionConfigurationV2("FilesEncryption", {
  bucket: files.name,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: dataKey.arn } }],
});

new aws.s3.BucketLifecycleConfigurationV2("FilesLifecycle", {
  bucket: files.name,
  rules: [{ id: "expire", status: "Enabled", filter: {}, expiration: { days: 30 } }],
});
