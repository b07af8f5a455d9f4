"""The job's credentials come from where boto3's chain finds them on AWS Batch: the environment,
the ECS/Batch container endpoint, then EC2's IMDSv2; none is a ConfigError naming the variables."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest
from seisless_compute.errors import ConfigError
from seisless_compute.io.aws import CredentialChain, NoAnswerError, S3Client


def _role_credentials(expires_in_s: float = 3600) -> bytes:
    expiry = datetime.fromtimestamp(time.time() + expires_in_s, UTC)
    return json.dumps({"AccessKeyId": "ASIAROLE", "SecretAccessKey": "role-secret",
                       "Token": "role-token",
                       "Expiration": expiry.isoformat().replace("+00:00", "Z")}).encode()


def test_the_environment_comes_first():
    chain = CredentialChain({"AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s",
                             "AWS_SESSION_TOKEN": "t",
                             "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9/"})

    found = chain.get()

    assert (found.access_key, found.secret_key, found.token) == ("AKID", "s", "t")


def test_a_batch_task_role_comes_from_the_container_endpoint_with_its_token(scripted_endpoint,
                                                                            tmp_path):
    # Arrange
    scripted_endpoint.answers.append((200, {}, _role_credentials()))
    (tmp_path / "token").write_text("Bearer abc\n")
    chain = CredentialChain({
        "AWS_CONTAINER_CREDENTIALS_FULL_URI": f"{scripted_endpoint.url}/v2/credentials/x",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": str(tmp_path / "token")})
    # Act
    found = chain.get()
    again = chain.get()
    # Assert
    assert (found.access_key, found.token) == ("ASIAROLE", "role-token") and again is found
    (request,) = scripted_endpoint.requests
    assert request["path"] == "/v2/credentials/x"
    assert request["headers"]["authorization"] == "Bearer abc"


def test_credentials_about_to_expire_are_fetched_again(scripted_endpoint):
    scripted_endpoint.answers += [(200, {}, _role_credentials(60)), (200, {}, _role_credentials())]
    chain = CredentialChain({"AWS_CONTAINER_CREDENTIALS_FULL_URI": scripted_endpoint.url + "/c",
                             "AWS_CONTAINER_AUTHORIZATION_TOKEN": "t"})

    first, second = chain.get(), chain.get()

    assert first is not second and len(scripted_endpoint.requests) == 2


def test_an_ec2_instance_profile_comes_from_imdsv2(scripted_endpoint):
    # Arrange
    scripted_endpoint.answers += [(200, {}, b"imds-token"), (200, {}, b"job-instance-role\n"),
                                  (200, {}, _role_credentials())]
    chain = CredentialChain({"AWS_EC2_METADATA_SERVICE_ENDPOINT": scripted_endpoint.url})
    # Act
    found = chain.get()
    # Assert
    assert found.secret_key == "role-secret"
    token, role, keys = scripted_endpoint.requests
    assert (token["method"], token["path"]) == ("PUT", "/latest/api/token")
    assert token["headers"]["x-aws-ec2-metadata-token-ttl-seconds"] == "21600"
    assert role["path"] == "/latest/meta-data/iam/security-credentials/"
    assert keys["path"] == "/latest/meta-data/iam/security-credentials/job-instance-role"
    assert role["headers"]["x-aws-ec2-metadata-token"] == "imds-token"


def test_no_credentials_anywhere_is_a_config_error_naming_the_variables():
    chain = CredentialChain({"AWS_EC2_METADATA_DISABLED": "true"})

    with pytest.raises(ConfigError) as raised:
        chain.get()

    assert raised.value.subject == "AWS_ACCESS_KEY_ID"
    assert "AWS_SECRET_ACCESS_KEY" in raised.value.expected
    assert "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" in raised.value.expected


def test_a_failing_task_role_endpoint_is_transient_after_three_tries(scripted_endpoint):
    scripted_endpoint.answers += [(500, {}, b"oops")] * 3
    chain = CredentialChain({"AWS_CONTAINER_CREDENTIALS_FULL_URI": scripted_endpoint.url + "/c"})

    with pytest.raises(NoAnswerError) as raised:
        chain.get()

    assert "answered 500" in str(raised.value) and len(scripted_endpoint.requests) == 3


def test_a_task_role_endpoint_that_refuses_is_a_config_error_naming_it(scripted_endpoint):
    scripted_endpoint.answers.append((403, {}, b"bad token"))
    chain = CredentialChain({"AWS_CONTAINER_CREDENTIALS_FULL_URI": scripted_endpoint.url + "/c",
                             "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong"})

    with pytest.raises(ConfigError) as raised:
        chain.get()

    assert raised.value.subject == "AWS_CONTAINER_CREDENTIALS_FULL_URI"
    assert "answered 403" in raised.value.received


def test_no_region_is_a_config_error_naming_aws_region():
    with pytest.raises(ConfigError) as raised:
        S3Client(environ={"AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "s"})

    assert raised.value.subject == "AWS_REGION"
