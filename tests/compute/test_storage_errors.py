"""S3 errors as the compute tasks report them."""

from botocore.exceptions import ClientError
from seisless_compute.io.storage import translate_client_error


def test_access_denied_keeps_the_message_naming_action_resource_and_role():
    message = (
        "User: arn:aws:sts::000000000000:assumed-role/job-role/j-1 is not authorized to perform: "
        "s3:PutObject on resource: arn:aws:s3:::data/k because no identity-based policy allows "
        "the s3:PutObject action"
    )
    error = ClientError({"Error": {"Code": "AccessDenied", "Message": message}}, "PutObject")

    translated = translate_client_error(error, "s3://data/k", "PutObject")

    assert "PutObject failed with AccessDenied" in str(translated)
    assert message in str(translated)
