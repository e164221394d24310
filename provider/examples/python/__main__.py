"""A nightly training pipeline and a Snowflake warehouse, alerting to one
shared topic: schedkit's components from Python, through the SDK
`pulumi package add` generates (CI compiles it with the SDK)."""
import pulumi
import schedkit

config = pulumi.Config()

alerts = schedkit.aws.AlertTopic("alerts", email="ml-oncall@example.com")

training = schedkit.aws.TrainingPipeline(
    "churn",
    image="123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-train:1.2",
    inference_image="123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn-serve:1.2",
    instance_type="ml.m5.xlarge",
    max_runtime_seconds=4 * 60 * 60,
    input_channels={"train": "s3://ml-data/churn/train/"},
    output_s3_uri="s3://ml-models/churn/",
    model_package_group_name="churn",
    schedule=schedkit.aws.ScheduleArgs(expression="cron(0 3 ? * MON *)"),
    alert_topic_arn=alerts.arn,
    alert_topic_kms_key_arn=alerts.kms_key_arn,
)

warehouse = schedkit.snowflake.Warehouse(
    "features", name="FEATURES_WH", monthly_credit_quota=60, notify_users=["ML_ONCALL"]
)

pulumi.export("stateMachineArn", training.state_machine_arn)
pulumi.export("warehouse", warehouse.fully_qualified_name)
