import { api } from "./api";
import { alarmEmail } from "./config";
import { apiFunction } from "./handler";
import { table } from "./storage";

/** Alarms on server errors and throttling, sent to the operators' address. */
export const alarms = new aws.sns.Topic("Alarms", { kmsMasterKeyId: "alias/aws/sns" });

new aws.sns.TopicSubscription("AlarmsEmail", {
  topic: alarms.arn,
  protocol: "email",
  endpoint: alarmEmail.value,
});

type AlarmArgs = Pick<
  aws.cloudwatch.MetricAlarmArgs,
  "alarmDescription" | "namespace" | "metricName" | "dimensions" | "threshold"
>;

function alarm(name: string, args: AlarmArgs) {
  return new aws.cloudwatch.MetricAlarm(name, {
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    evaluationPeriods: 1,
    period: 300,
    statistic: "Sum",
    treatMissingData: "notBreaching",
    alarmActions: [alarms.arn],
    okActions: [alarms.arn],
    ...args,
  });
}

alarm("ApiErrors", {
  alarmDescription: "The API Lambda threw (answered 500) at least 5 times in 5 minutes",
  namespace: "AWS/Lambda",
  metricName: "Errors",
  dimensions: { FunctionName: apiFunction.name },
  threshold: 5,
});

alarm("Api5xx", {
  alarmDescription:
    "The HTTP API answered 5xx at least 5 times in 5 minutes (Lambda errors, timeouts, integration failures)",
  namespace: "AWS/ApiGateway",
  metricName: "5xx",
  dimensions: { ApiId: api.nodes.api.id },
  threshold: 5,
});

alarm("ApiThrottles", {
  alarmDescription: "The API Lambda was throttled",
  namespace: "AWS/Lambda",
  metricName: "Throttles",
  dimensions: { FunctionName: apiFunction.name },
  threshold: 1,
});

alarm("TableThrottles", {
  alarmDescription: "DynamoDB throttled requests on the table",
  namespace: "AWS/DynamoDB",
  metricName: "ThrottledRequests",
  dimensions: { TableName: table.name },
  threshold: 1,
});

alarm("TableSystemErrors", {
  alarmDescription: "DynamoDB answered 5xx",
  namespace: "AWS/DynamoDB",
  metricName: "SystemErrors",
  dimensions: { TableName: table.name },
  threshold: 1,
});
