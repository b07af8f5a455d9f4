"""Price simulated usage from the one table of today's prices (``common/aws_prices.json``).

Services: EC2 Spot (instance-hours × on-demand × ``spotFractionOfOnDemand``), Lambda (GB-seconds
at the functions' architecture's rate, and requests), SQS (FIFO requests), Step Functions (state
transitions), S3 (GET/HEAD, PUT, LIST requests and GB-months). Orchestration = Lambda + SQS +
Step Functions.
"""

from __future__ import annotations

from collections.abc import Mapping

from common.errors import DataError

__all__ = ["ORCHESTRATION", "SERVICES", "price_usage", "spot_per_hour"]

SERVICES = ("EC2 spot", "Lambda", "SQS", "Step Functions", "S3")
ORCHESTRATION = ("Lambda", "SQS", "Step Functions")


def spot_per_hour(prices: Mapping, instance_type: str) -> float:
    """Spot price of ``instance_type`` per hour: on-demand × the table's Spot fraction."""
    on_demand = prices["ec2OnDemandPerHour"].get(instance_type)
    if on_demand is None:
        known = ", ".join(sorted(prices["ec2OnDemandPerHour"]))
        raise DataError("scenario.json instance.type", instance_type,
                        f"a type of aws_prices.json ({known})")
    return float(on_demand) * float(prices["spotFractionOfOnDemand"])


def price_usage(usage: Mapping, prices: Mapping, instance_type: str,
                architecture: str) -> dict[str, float]:
    """Cost per service (USD) of a usage record of ``sim_case.case_study``.

    Its Lambda functions run on ``architecture`` (``x86_64`` or ``arm64``), priced at its rate.
    """
    per_gb_s = prices["lambdaPerGbSecond"].get(architecture)
    if per_gb_s is None:
        known = ", ".join(sorted(prices["lambdaPerGbSecond"]))
        raise DataError("scenario.json orchestration.lambda_architecture", architecture,
                        f"one of aws_prices.json's ({known})")
    return {
        "EC2 spot": usage["ec2_hours"] * spot_per_hour(prices, instance_type),
        "Lambda": usage["lambda_gb_s"] * per_gb_s
        + usage["lambda_requests"] * prices["lambdaPerRequest"],
        "SQS": usage["sqs_requests"] * prices["sqsFifoPerRequest"],
        "Step Functions": usage["step_transitions"] * prices["stepFunctionsPerTransition"],
        "S3": usage["s3_get"] * prices["s3GetPerRequest"]
        + usage["s3_put"] * prices["s3PutPerRequest"]
        + usage["s3_list"] * prices["s3ListPerRequest"]
        + usage["s3_gb_month"] * prices["s3PerGbMonth"],
    }
