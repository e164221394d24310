package cost

// This file is the one place prices live: public on-demand list prices per
// region, each with the page it comes from and the date it was recorded.
// Update a figure here (and its date) when the page changes; a price that is
// not in the table is reported as unknown, never as zero.
//
// Free tiers are not subtracted: they are per account, not per stack.

// PriceKey names one priced unit.
type PriceKey string

// The priced units.
const (
	FargateVCPUHourX86  PriceKey = "fargate.x86.vcpu-hour"
	FargateGBHourX86    PriceKey = "fargate.x86.gb-hour"
	FargateVCPUHourARM  PriceKey = "fargate.arm.vcpu-hour"
	FargateGBHourARM    PriceKey = "fargate.arm.gb-hour"
	LambdaGBSecondX86   PriceKey = "lambda.x86.gb-second"
	LambdaGBSecondARM   PriceKey = "lambda.arm.gb-second"
	LambdaRequests      PriceKey = "lambda.requests"
	StepFunctionsTrans  PriceKey = "sfn.standard.transitions"
	SchedulerInvocation PriceKey = "scheduler.invocations"
	KinesisStreamHour   PriceKey = "kinesis.on-demand.stream-hour"
	KinesisGBIn         PriceKey = "kinesis.on-demand.gb-in"
	KinesisGBOut        PriceKey = "kinesis.on-demand.gb-out"
	KinesisRetentionGB  PriceKey = "kinesis.on-demand.extended-retention-gb-month"
	KinesisShardHour    PriceKey = "kinesis.provisioned.shard-hour"
	KinesisPutUnits     PriceKey = "kinesis.provisioned.put-payload-units"
	KinesisShardRetain  PriceKey = "kinesis.provisioned.extended-retention-shard-hour"
	KinesisFanOutHour   PriceKey = "kinesis.enhanced-fan-out.consumer-shard-hour"
	FirehoseGB          PriceKey = "firehose.gb-ingested"
	KMSKeyMonth         PriceKey = "kms.key-month"
	AlarmMetricMonth    PriceKey = "cloudwatch.standard-alarm-metric-month"
	AlarmHighResMonth   PriceKey = "cloudwatch.high-resolution-alarm-metric-month"
	DashboardMonth      PriceKey = "cloudwatch.dashboard-month"
	SecretMonth         PriceKey = "secretsmanager.secret-month"
	// SageMaker instance-hours: SageMakerTraining + instance type, e.g.
	// "sagemaker.training.ml.m5.xlarge".
	SageMakerTraining  PriceKey = "sagemaker.training."
	SageMakerTransform PriceKey = "sagemaker.transform."
)

// Price is one public list price: USD for Per units of Unit.
type Price struct {
	USD    float64
	Per    float64
	Unit   string
	Source string
	// Recorded is the date the figure was taken into this table.
	Recorded string
}

// PriceTable is the prices of one region as of Date.
type PriceTable struct {
	Region string
	Date   string
	Prices map[PriceKey]Price
}

// Lookup returns a price and whether the table has it.
func (t PriceTable) Lookup(key PriceKey) (Price, bool) {
	p, ok := t.Prices[key]
	return p, ok
}

// Cost of quantity units at p.
func (p Price) Cost(quantity float64) float64 { return quantity / p.Per * p.USD }

// Source pages.
const (
	pageFargate    = "https://aws.amazon.com/fargate/pricing/"
	pageLambda     = "https://aws.amazon.com/lambda/pricing/"
	pageSFN        = "https://aws.amazon.com/step-functions/pricing/"
	pageScheduler  = "https://aws.amazon.com/eventbridge/pricing/"
	pageKinesis    = "https://aws.amazon.com/kinesis/data-streams/pricing/"
	pageKMS        = "https://aws.amazon.com/kms/pricing/"
	pageCloudWatch = "https://aws.amazon.com/cloudwatch/pricing/"
	pageSecrets    = "https://aws.amazon.com/secrets-manager/pricing/"
	pageSageMaker  = "https://aws.amazon.com/sagemaker/pricing/ (third-party price lists; official page not read)"
	recorded       = "2026-12-03"
)

// The AWS Price List offer files for eu-west-1. Not read directly: their
// eu-west-1 figures were found quoted (with usage types and rate codes) in
// public repositories, each noted at its price.
const (
	offerEU         = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/"
	offerEULambda   = offerEU + "AWSLambda/current/eu-west-1/index.json"
	offerEUECS      = offerEU + "AmazonECS/current/eu-west-1/index.json"
	offerEUStates   = offerEU + "AmazonStates/current/eu-west-1/index.json"
	offerEUWatch    = offerEU + "AmazonCloudWatch/current/eu-west-1/index.json"
	notConfirmedEU1 = "not confirmed for eu-west-1 (same as us-east-1 on "
)

// quoted says an offer-file figure was read where a public repository quotes
// it (on when, if it says), not in the offer file itself.
func quoted(when string) string {
	if when == "" {
		return "; quoted in public repositories, offer file not read"
	}
	return "; quoted in a public repository on " + when + ", offer file not read"
}

func price(usd, per float64, unit, source string) Price {
	return Price{USD: usd, Per: per, Unit: unit, Source: source, Recorded: recorded}
}

// usEast1 are us-east-1's prices from the AWS pricing pages (their
// US East (N. Virginia) figures).
func usEast1() map[PriceKey]Price {
	return map[PriceKey]Price{
		FargateVCPUHourX86:                  price(0.04048, 1, "vCPU-hour", pageFargate+" (Linux/x86, per second, 1-minute minimum)"),
		FargateGBHourX86:                    price(0.004445, 1, "GB-hour", pageFargate+" (Linux/x86)"),
		FargateVCPUHourARM:                  price(0.03238, 1, "vCPU-hour", pageFargate+" (Linux/ARM)"),
		FargateGBHourARM:                    price(0.00356, 1, "GB-hour", pageFargate+" (Linux/ARM)"),
		LambdaGBSecondX86:                   price(0.0000166667, 1, "GB-second", pageLambda+" (x86, first tier)"),
		LambdaGBSecondARM:                   price(0.0000133334, 1, "GB-second", pageLambda+" (Arm, first tier)"),
		LambdaRequests:                      price(0.20, 1e6, "requests", pageLambda),
		StepFunctionsTrans:                  price(0.025, 1000, "state transitions", pageSFN+" (Standard workflows; retries count)"),
		SchedulerInvocation:                 price(1.00, 1e6, "invocations", pageScheduler+" (Scheduler, after 14 million free per month)"),
		KinesisShardHour:                    price(0.015, 1, "shard-hour", pageKinesis+" (provisioned)"),
		KinesisPutUnits:                     price(0.014, 1e6, "PUT payload units (25 KB)", pageKinesis+" (provisioned)"),
		KMSKeyMonth:                         price(1.00, 1, "key-month", pageKMS+" (customer managed key; each of the first two rotations adds $1)"),
		AlarmMetricMonth:                    price(0.10, 1, "alarm metric-month", pageCloudWatch+" (standard resolution)"),
		DashboardMonth:                      price(3.00, 1, "dashboard-month", pageCloudWatch+" (Dashboards: $3.00 per dashboard per month; an account's first three, up to 50 metrics each, are free, not counted here)"),
		SecretMonth:                         price(0.40, 1, "secret-month", pageSecrets),
		KinesisStreamHour:                   price(0.04, 1, "stream-hour", pageKinesis+" (on-demand)"),
		KinesisGBIn:                         price(0.08, 1, "GB written", pageKinesis+" (on-demand; records rounded up to 1 KB)"),
		KinesisGBOut:                        price(0.04, 1, "GB read", pageKinesis+" (on-demand, per consumer)"),
		KinesisRetentionGB:                  price(0.10, 1, "GB-month over 24 h", pageKinesis+" (on-demand extended retention)"),
		SageMakerTraining + "ml.m5.large":   price(0.115, 1, "instance-hour", pageSageMaker),
		SageMakerTraining + "ml.m5.xlarge":  price(0.23, 1, "instance-hour", pageSageMaker),
		SageMakerTransform + "ml.m5.large":  price(0.115, 1, "instance-hour", pageSageMaker),
		SageMakerTransform + "ml.m5.xlarge": price(0.23, 1, "instance-hour", pageSageMaker),
	}
}

// euWest1 are eu-west-1's (EU (Ireland)) prices. Each source says where its
// eu-west-1 figure was found; a figure found only for us-east-1 says
// "not confirmed for eu-west-1". Not found for eu-west-1, so unknown:
// Kinesis on-demand, Firehose, SageMaker instances, enhanced fan-out,
// high-resolution alarms.
func euWest1() map[PriceKey]Price {
	return map[PriceKey]Price{
		FargateVCPUHourX86: price(0.04048, 1, "vCPU-hour", offerEUECS+" (EU-Fargate-vCPU-Hours:perCPU, SKU K4EXFQ5YFQCP98EN, Linux/x86"+quoted("2026-05-01")+")"),
		FargateGBHourX86:   price(0.004445, 1, "GB-hour", offerEUECS+" (EU-Fargate-GB-Hours, SKU UP5ETC3QSW2QZGEY, Linux/x86"+quoted("2026-05-01")+")"),
		FargateVCPUHourARM: price(0.03238, 1, "vCPU-hour", offerEUECS+" (EU-Fargate-ARM-vCPU-Hours:perCPU, SKU KXC9CEUQGJQPNZPY"+quoted("2026-05-01")+")"),
		FargateGBHourARM:   price(0.00356, 1, "GB-hour", offerEUECS+" (EU-Fargate-ARM-GB-Hours, SKU MGJ5EB5GSHR8QZDF"+quoted("2026-05-01")+")"),
		LambdaGBSecondX86:  price(0.0000166667, 1, "GB-second", offerEULambda+" (EU-Lambda-GB-Second, SKU SGGKTWDV7PGMPPSJ, first tier"+quoted("")+")"),
		LambdaGBSecondARM:  price(0.0000133334, 1, "GB-second", offerEULambda+" (EU-Lambda-GB-Second-ARM, SKU KXNSA7NBRHBHXXPS, first tier"+quoted("")+")"),
		LambdaRequests:     price(0.20, 1e6, "requests", offerEULambda+" (EU-Request, SKU B5V2RNHAWGVJBZD3"+quoted("")+")"),
		StepFunctionsTrans: price(0.025, 1000, "state transitions", offerEUStates+" (EU-StateTransition, Standard workflows; retries count; offer published 2026-09-11"+quoted("")+")"),
		AlarmMetricMonth:   price(0.10, 1, "alarm metric-month", offerEUWatch+" (standard resolution alarm; $0.10 per alarm-month for eu-west-1"+quoted("2026-09-16")+")"),
		DashboardMonth:     price(3.00, 1, "dashboard-month", notConfirmedEU1+pageCloudWatch+"; Dashboards: $3.00 per dashboard per month, an account's first three free, not counted here)"),
		KMSKeyMonth:        price(1.00, 1, "key-month", pageKMS+" (customer managed key; every region, eu-west-1 included: the page prices each key $1/month with no regional table; each of the first two rotations adds $1)"),
		// Found only on the us-east-1 pages: kept, and said so.
		SchedulerInvocation: price(1.00, 1e6, "invocations", notConfirmedEU1+pageScheduler+"; Scheduler, after 14 million free per month; other regions differ, e.g. Tokyo $1.25)"),
		KinesisShardHour:    price(0.015, 1, "shard-hour", notConfirmedEU1+pageKinesis+"; provisioned)"),
		KinesisPutUnits:     price(0.014, 1e6, "PUT payload units (25 KB)", notConfirmedEU1+pageKinesis+"; provisioned)"),
		SecretMonth:         price(0.40, 1, "secret-month", notConfirmedEU1+pageSecrets+")"),
	}
}

// priceTables holds one table per region.
var priceTables = map[string]PriceTable{
	"us-east-1": {Region: "us-east-1", Date: recorded, Prices: usEast1()},
	"eu-west-1": {Region: "eu-west-1", Date: recorded, Prices: euWest1()},
}

// Regions lists the regions with a price table.
func Regions() []string { return []string{"eu-west-1", "us-east-1"} }

// pageSnowflakeCredits is where warehouse credit rates come from.
const pageSnowflakeCredits = "https://docs.snowflake.com/en/user-guide/cost-understanding-compute (virtual warehouse credit usage; per second, 60-second minimum per resume)"

// warehouseCredits is credits per hour of a standard warehouse by size
// (both the provider's spellings).
var warehouseCredits = map[string]float64{
	"XSMALL": 1, "X-SMALL": 1, "SMALL": 2, "MEDIUM": 4, "LARGE": 8,
	"XLARGE": 16, "X-LARGE": 16, "XXLARGE": 32, "X2LARGE": 32, "2X-LARGE": 32,
	"XXXLARGE": 64, "X3LARGE": 64, "3X-LARGE": 64, "X4LARGE": 128, "4X-LARGE": 128,
	"X5LARGE": 256, "5X-LARGE": 256, "X6LARGE": 512, "6X-LARGE": 512,
}

// Serverless rates from Snowflake's Service Consumption Table. The PDF was
// not read: its figures come from a public transcript of the table
// effective 2026-01-13, and Snowpipe's also from Snowflake's documentation.
const (
	pageSnowflakeConsumption = "https://www.snowflake.com/legal-files/CreditConsumptionTable.pdf (serverless tasks: compute 0.9, cloud services 1; read in a public transcript of the table effective 2026-01-13)"
	pageSnowpipeCost         = "https://docs.snowflake.com/en/release-notes/2025/other/2025-12-08-snowpipe-simplified-pricing and Snowflake docs \"Snowpipe costs\" (all editions since 2025-12-08; no per-file charge)"
	// serverlessTaskMultiplier is the credits a serverless task bills for its
	// compute per credit a warehouse of the same size would.
	serverlessTaskMultiplier = 0.9
	// snowpipeCreditsPerGB is what Snowpipe bills per GB loaded: text files
	// (CSV, JSON) at their uncompressed size, binary files at their stored size.
	snowpipeCreditsPerGB = 0.0037
)

// Not in the table, so always reported as unknown: Firehose ingestion (only
// eu-west-2's was found), Kinesis enhanced fan-out. Not estimated: a
// serverless task's cloud services. The price of a credit depends on
// edition, region and contract: it is a usage input (snowflakeCreditUSD).
