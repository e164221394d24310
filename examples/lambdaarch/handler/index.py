"""Consumes a batch of Kinesis records and reports the ones it could not process.

The event source mapping sets ReportBatchItemFailures: returning a record's
sequence number in batchItemFailures retries from that record only, instead of
the whole batch.
"""

import base64
import json
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def handler(event, context):
    failures = []
    for record in event.get("Records", []):
        sequence = record["kinesis"]["sequenceNumber"]
        try:
            payload = json.loads(base64.b64decode(record["kinesis"]["data"]))
            logger.info("processed %s from %s", payload.get("id"), record["eventSourceARN"])
        except (ValueError, KeyError):
            logger.exception("could not process record %s", sequence)
            failures.append({"itemIdentifier": sequence})
    return {"batchItemFailures": failures}
