/** CloudWatch Logs encrypted with a customer-managed key that only the logs service may use. */
const identity = aws.getCallerIdentityOutput();
const region = aws.getRegionOutput().region;

export const logKey = new aws.kms.Key("LogKey", {
  description: `Maillage ${$app.stage}: CloudWatch Logs encryption`,
  enableKeyRotation: true,
  deletionWindowInDays: 30,
  policy: aws.iam.getPolicyDocumentOutput({
    statements: [
      {
        sid: "AccountAdmin",
        effect: "Allow",
        principals: [{ type: "AWS", identifiers: [$interpolate`arn:aws:iam::${identity.accountId}:root`] }],
        actions: ["kms:*"],
        resources: ["*"],
      },
      {
        sid: "CloudWatchLogs",
        effect: "Allow",
        principals: [{ type: "Service", identifiers: [$interpolate`logs.${region}.amazonaws.com`] }],
        actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        resources: ["*"],
        conditions: [
          {
            test: "ArnLike",
            variable: "kms:EncryptionContext:aws:logs:arn",
            values: [$interpolate`arn:aws:logs:${region}:${identity.accountId}:log-group:*`],
          },
        ],
      },
    ],
  }).json,
});
