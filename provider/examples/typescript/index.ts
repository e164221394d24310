// A nightly export on Fargate and a Snowflake warehouse with a credit
// quota, both alerting to one shared, encrypted topic: schedkit's
// components from TypeScript. Values that come from other resources
// (the topic's ARN and key) are outputs; the values the components decide
// their children from (sizes, schedules, durations) are plain.
import * as pulumi from "@pulumi/pulumi";
import * as schedkit from "@schedkit/schedkit";

const config = new pulumi.Config();

const alerts = new schedkit.aws.AlertTopic("alerts", {
    email: "data-oncall@example.com",
});

const exportJob = new schedkit.aws.CronJob("nightly-export", {
    image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/export:2.3.1",
    command: ["export", "--date", "yesterday"],
    cpu: 512,
    maxRuntimeSeconds: 2 * 60 * 60,
    subnets: config.requireObject<string[]>("subnets"),
    securityGroups: config.requireObject<string[]>("securityGroups"),
    schedule: { expression: "cron(30 1 * * ? *)", timezone: "Europe/Berlin" },
    taskPolicyStatements: [{
        actions: ["s3:PutObject"],
        resources: ["arn:aws:s3:::exports/daily/*"],
    }],
    alertTopicArn: alerts.arn,
    alertTopicKmsKeyArn: alerts.kmsKeyArn,
});

const warehouse = new schedkit.snowflake.Warehouse("etl", {
    name: "ETL_WH",
    size: "XSMALL",
    monthlyCreditQuota: 120,
    notifyUsers: ["DATA_ONCALL"],
});

export const stateMachineArn = exportJob.stateMachineArn;
export const warehouseName = warehouse.fullyQualifiedName;
export const alertTopicArn = alerts.arn;
