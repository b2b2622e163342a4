"""Starts moto's server with the fixes `npm run test:deploy` needs, and nothing else.

Each fix stands for one entry of kind "emulator-fix" in src/deploy-test/deviations.ts,
under the same id; the harness refuses to run when the two lists differ. A fix makes
moto answer an API the way AWS does, for the calls the stacks make; none of them
makes moto accept what AWS would refuse.

It serves moto on two loopback listeners, each on a free port, sharing one set of
backends: HTTPS with a certificate made at start for 127.0.0.1 and localhost, signed by
a certificate authority made with it (its certificate is written to TLS_DIR/ca.pem, its
key is never written), and plain HTTP, which exists so that a test can show the state
bucket refusing a request that is not over TLS. It prints the two ports on one line.

Usage: python3 moto_with_fixes.py --tls-dir TLS_DIR
"""

import os
import random
import sys
import threading

# The moto release these fixes were written against and checked with; another one may
# have changed what they patch, or have served what they add.
MOTO_VERSION = "5.2.1"

FIXES = {}

# What the connection of the request being served says about itself, for the keys a
# bucket policy reads (aws:SecureTransport, s3:TlsVersion): set by the server around
# every request, in the thread that serves it.
CONNECTION = threading.local()


def fix(fix_id):
    def register(function):
        FIXES[fix_id] = function
        return function

    return register


def _random_hex(length):
    return "".join(random.choice("0123456789abcdef") for _ in range(length))


def adds(cls, name):
    """Checks that moto still lacks what a fix adds, so that it never hides moto's own."""
    if hasattr(cls, name):
        raise SystemExit(f"moto's {cls.__name__} now has {name}: drop the fix that adds it")


def patches(cls, name):
    """Checks that what a fix wraps is still there."""
    if not hasattr(cls, name):
        raise SystemExit(f"moto's {cls.__name__} has no {name} any more: the fix that wraps it needs a look")
    return getattr(cls, name)


@fix("iam-managed-policies")
def load_aws_managed_policies():
    # Read by moto when an IAM backend is first made: without it, attaching an AWS
    # managed policy (AmazonSSMManagedInstanceCore) fails with NoSuchEntity.
    os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"


@fix("root-volume-size")
def root_volume_size_from_image():
    # AWS takes the size of the root volume from the image when the request names none
    # (and refuses that for any other volume); moto refuses it for every volume. The
    # images moto serves have 8 GiB roots.
    from moto.ec2.responses.instances import InstanceResponse

    parse = patches(InstanceResponse, "_parse_block_device_mapping")

    def parse_with_root_size(self):
        images = self.ec2_backend.describe_images(ami_ids=[self._get_param("ImageId")])
        root = images[0].root_device_name if images else None
        for mapping in self._get_param("BlockDeviceMappings", []):
            ebs = mapping.get("Ebs")
            if mapping.get("DeviceName") == root and isinstance(ebs, dict) and not ebs.get("VolumeSize") and not ebs.get("SnapshotId"):
                ebs["VolumeSize"] = 8
        return parse(self)

    InstanceResponse._parse_block_device_mapping = parse_with_root_size


@fix("private-hosted-zones")
def private_zone_when_created_with_a_vpc():
    # AWS makes a zone private when CreateHostedZone names a VPC; moto waits for a
    # PrivateZone flag that the API does not have, makes the zone public, and then
    # refuses every association with PublicZoneVPCAssociation.
    from moto.route53.responses import Route53

    original = patches(Route53, "create_hosted_zone")

    def create_hosted_zone(self):
        if self._get_param("VPC.VPCId"):
            get_bool = self._get_bool_param

            def private_flag(name, *args, **kwargs):
                return True if name == "HostedZoneConfig.PrivateZone" else get_bool(name, *args, **kwargs)

            self._get_bool_param = private_flag
        return original(self)

    Route53.create_hosted_zone = create_hosted_zone


@fix("policy-conditions")
def conditions_as_aws_evaluates_them():
    # moto evaluates only StringEquals and takes every other condition operator as met,
    # denies whenever a statement's conditions fail, even in a Deny statement, and
    # gives S3 bucket policies no request context. So the state bucket's "deny unless
    # TLS 1.2" statements denied every request. Here a statement applies only when all
    # its conditions hold; the operators the stacks use are evaluated as AWS documents
    # them, a missing key included; and a bucket policy sees the keys of the request's
    # own connection: its scheme and, over TLS, the protocol version it negotiated.
    import fnmatch

    from moto.iam.access_control import IAMPolicy, IAMPolicyStatement, PermissionResult
    from moto.s3.models import FakeBucket

    def number(value):
        return float(value)

    tests = {
        "StringEquals": lambda expected, actual: actual == expected,
        "StringEqualsIgnoreCase": lambda expected, actual: actual.lower() == expected.lower(),
        "StringLike": lambda expected, actual: fnmatch.fnmatchcase(actual, expected),
        "ArnEquals": lambda expected, actual: actual == expected,
        "ArnLike": lambda expected, actual: fnmatch.fnmatchcase(actual, expected),
        "Bool": lambda expected, actual: actual.lower() == str(expected).lower(),
        "NumericEquals": lambda expected, actual: number(actual) == number(expected),
        "NumericLessThan": lambda expected, actual: number(actual) < number(expected),
        "NumericLessThanEquals": lambda expected, actual: number(actual) <= number(expected),
        "NumericGreaterThan": lambda expected, actual: number(actual) > number(expected),
        "NumericGreaterThanEquals": lambda expected, actual: number(actual) >= number(expected),
    }
    negations = {"StringNotEquals": "StringEquals", "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase", "StringNotLike": "StringLike", "ArnNotEquals": "ArnEquals", "ArnNotLike": "ArnLike", "NumericNotEquals": "NumericEquals"}

    def holds(operator, key, expected, request):
        if_exists = operator.endswith("IfExists")
        base = operator[: -len("IfExists")] if if_exists else operator
        expected = expected if isinstance(expected, list) else [expected]
        present = key in request
        if base == "Null":
            return any(str(value).lower() == ("false" if present else "true") for value in expected)
        if not present:
            # Absent: no value matches, so a negated operator holds and any other fails.
            return if_exists or base in negations
        actual = str(request[key])
        if base in negations:
            return not any(tests[negations[base]](value, actual) for value in expected)
        if base not in tests:
            raise SystemExit(f"condition operator {operator} is not evaluated by the emulator's fix; add it")
        return any(tests[base](value, actual) for value in expected)

    def check_conditions(self, incoming_condition_values):
        request = incoming_condition_values or {}
        return all(
            holds(operator, key, expected, request)
            for operator, keys in (self._statement.get("Condition") or {}).items()
            for key, expected in keys.items()
        )

    is_action_permitted = patches(IAMPolicyStatement, "is_action_permitted")

    def statement_applies_only_when_its_conditions_hold(self, action, resource="*", principal=None, incoming_condition_values=None):
        if self._statement.get("Condition") and not self._check_conditions(incoming_condition_values):
            return PermissionResult.NEUTRAL
        return is_action_permitted(self, action, resource, principal, incoming_condition_values)

    patches(IAMPolicyStatement, "_check_conditions")
    IAMPolicyStatement._check_conditions = check_conditions
    IAMPolicyStatement.is_action_permitted = statement_applies_only_when_its_conditions_hold

    def get_permission(self, action, resource):
        if self.policy is None:
            return PermissionResult.NEUTRAL
        keys = getattr(CONNECTION, "condition_keys", None)
        if keys is None:
            # Judged without a connection to judge by: refuse loudly rather than guess one.
            raise RuntimeError("a bucket policy was evaluated outside a request the emulator serves")
        return IAMPolicy(self.policy.decode()).is_action_permitted(action, resource, incoming_condition_values=keys)

    patches(FakeBucket, "get_permission")
    FakeBucket.get_permission = get_permission


@fix("instance-connect-endpoints")
def instance_connect_endpoints():
    # Not implemented by moto (HTTP 500). Served here as AWS documents it: created
    # complete, described by id, deleted.
    from moto.core.responses import ActionResult
    from moto.core.utils import utcnow
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.responses import EC2Response

    def endpoints_of(backend):
        if not hasattr(backend, "privnet_instance_connect_endpoints"):
            backend.privnet_instance_connect_endpoints = {}
        return backend.privnet_instance_connect_endpoints

    def create_instance_connect_endpoint(self):
        subnet = self.ec2_backend.get_subnet(self._get_param("SubnetId"))
        endpoint_id = f"eice-{_random_hex(17)}"
        tags = []
        for spec in self._get_param("TagSpecifications", []):
            tags.extend(spec.get("Tags", []))
        groups = self._get_param("SecurityGroupIds", []) or [
            group.id for group in self.ec2_backend.describe_security_groups(filters={"vpc-id": [subnet.vpc_id], "group-name": ["default"]})
        ]
        endpoint = {
            "OwnerId": self.current_account,
            "InstanceConnectEndpointId": endpoint_id,
            "InstanceConnectEndpointArn": f"arn:aws:ec2:{self.region}:{self.current_account}:instance-connect-endpoint/{endpoint_id}",
            "State": "create-complete",
            "StateMessage": "",
            "DnsName": f"{endpoint_id}.{_random_hex(8)}.ec2-instance-connect-endpoint.{self.region}.amazonaws.com",
            "FipsDnsName": f"{endpoint_id}.{_random_hex(8)}.fips.ec2-instance-connect-endpoint.{self.region}.amazonaws.com",
            "NetworkInterfaceIds": [f"eni-{_random_hex(17)}"],
            "VpcId": subnet.vpc_id,
            "AvailabilityZone": subnet.availability_zone,
            "CreatedAt": utcnow(),
            "SubnetId": subnet.id,
            "PreserveClientIp": self._get_bool_param("PreserveClientIp", True),
            "SecurityGroupIds": groups,
            "Tags": tags,
        }
        endpoints_of(self.ec2_backend)[endpoint_id] = endpoint
        return ActionResult({"InstanceConnectEndpoint": endpoint, "ClientToken": self._get_param("ClientToken")})

    def describe_instance_connect_endpoints(self):
        wanted = self._get_param("InstanceConnectEndpointIds", [])
        endpoints = endpoints_of(self.ec2_backend)
        missing = [endpoint_id for endpoint_id in wanted if endpoint_id not in endpoints]
        if missing:
            raise EC2ClientError("InvalidInstanceConnectEndpointId.NotFound", f"The instance connect endpoint ID '{missing[0]}' does not exist")
        found = [endpoints[endpoint_id] for endpoint_id in wanted] if wanted else list(endpoints.values())
        return ActionResult({"InstanceConnectEndpoints": found})

    def delete_instance_connect_endpoint(self):
        endpoint_id = self._get_param("InstanceConnectEndpointId")
        endpoint = endpoints_of(self.ec2_backend).pop(endpoint_id, None)
        if endpoint is None:
            raise EC2ClientError("InvalidInstanceConnectEndpointId.NotFound", f"The instance connect endpoint ID '{endpoint_id}' does not exist")
        return ActionResult({"InstanceConnectEndpoint": {**endpoint, "State": "delete-complete"}})

    for name in ("create_instance_connect_endpoint", "describe_instance_connect_endpoints", "delete_instance_connect_endpoint"):
        adds(EC2Response, name)
    EC2Response.create_instance_connect_endpoint = create_instance_connect_endpoint
    EC2Response.describe_instance_connect_endpoints = describe_instance_connect_endpoints
    EC2Response.delete_instance_connect_endpoint = delete_instance_connect_endpoint


@fix("endpoint-connections")
def endpoint_service_connections():
    # Not implemented by moto. An endpoint service's connections are the interface
    # endpoints, in any account, that name its service; accepting or rejecting one
    # sets its state, which DescribeVpcEndpoints then shows. As in AWS, an endpoint to
    # a service that requires acceptance waits in pendingAcceptance until accepted
    # (moto makes it available at once, so a missing acceptance would go unseen).
    from moto.core.responses import ActionResult
    from moto.ec2.models import ec2_backends
    from moto.ec2.models.vpcs import VPCBackend
    from moto.ec2.responses import EC2Response

    create_vpc_endpoint = patches(VPCBackend, "create_vpc_endpoint")

    def create_pending_when_acceptance_is_required(self, *args, **kwargs):
        endpoint = create_vpc_endpoint(self, *args, **kwargs)
        for account_id in list(ec2_backends.keys()):
            for config in ec2_backends[account_id][self.region_name].configurations.values():
                if config.service_name == endpoint.service_name and config.acceptance_required:
                    endpoint.state = "pendingAcceptance"
        return endpoint

    VPCBackend.create_vpc_endpoint = create_pending_when_acceptance_is_required

    def connections(self, service_id):
        # A service that is gone has no connections (AWS answers an empty list).
        config = self.ec2_backend.configurations.get(service_id)
        if config is None:
            return
        for account_id in list(ec2_backends.keys()):
            backend = ec2_backends[account_id][self.region]
            for endpoint in backend.vpc_end_points.values():
                if endpoint.service_name == config.service_name:
                    yield account_id, endpoint

    def as_connection(service_id, account_id, endpoint):
        return {
            "ServiceId": service_id,
            "VpcEndpointId": endpoint.id,
            "VpcEndpointOwner": account_id,
            "VpcEndpointState": endpoint.state,
            "CreationTimestamp": endpoint.creation_timestamp,
            "VpcEndpointConnectionId": f"vpce-con-{_random_hex(17)}",
        }

    def set_state(self, state):
        service_id = self._get_param("ServiceId")
        wanted = set(self._get_param("VpcEndpointIds", []))
        for _account_id, endpoint in connections(self, service_id):
            if endpoint.id in wanted:
                endpoint.state = state
        return ActionResult({"Unsuccessful": []})

    def describe_vpc_endpoint_connections(self):
        filters = {item["Name"]: item.get("Values", []) for item in self._get_param("Filters", [])}
        service_ids = filters.get("service-id") or [config.id for config in self.ec2_backend.describe_vpc_endpoint_service_configurations([])]
        endpoint_ids = set(filters.get("vpc-endpoint-id", []))
        found = []
        for service_id in service_ids:
            for account_id, endpoint in connections(self, service_id):
                if not endpoint_ids or endpoint.id in endpoint_ids:
                    found.append(as_connection(service_id, account_id, endpoint))
        return ActionResult({"VpcEndpointConnections": found})

    for name in ("accept_vpc_endpoint_connections", "reject_vpc_endpoint_connections", "describe_vpc_endpoint_connections"):
        adds(EC2Response, name)
    EC2Response.accept_vpc_endpoint_connections = lambda self: set_state(self, "available")
    EC2Response.reject_vpc_endpoint_connections = lambda self: set_state(self, "rejected")
    EC2Response.describe_vpc_endpoint_connections = describe_vpc_endpoint_connections



@fix("transit-gateway-default-route-table")
def no_default_route_table_when_disabled():
    # A transit gateway created with default route table association and propagation
    # disabled has no such table in AWS's answer; moto names one anyway, so the
    # provider tries to take each new attachment out of it and moto fails (HTTP 500).
    from moto.ec2.models.transit_gateway import TransitGateway

    original = patches(TransitGateway, "__init__")

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if self.options.get("DefaultRouteTableAssociation") == "disable":
            self.options.pop("AssociationDefaultRouteTableId", None)
        if self.options.get("DefaultRouteTablePropagation") == "disable":
            self.options.pop("PropagationDefaultRouteTableId", None)

    TransitGateway.__init__ = init


@fix("transit-gateway-attachment-tags")
def attachment_tags_from_their_own_specification():
    # moto reads a new VPC attachment's tags from the "transit-gateway-route-table"
    # specification instead of "transit-gateway-attachment", and so drops them.
    from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment

    original = patches(TransitGatewayAttachment, "create_transit_gateway_vpc_attachment")

    def create(self):
        tags = self._parse_tag_specification().get("transit-gateway-attachment", {})
        result = original(self)
        result.result["TransitGatewayVpcAttachment"].add_tags(tags)
        return result

    TransitGatewayAttachment.create_transit_gateway_vpc_attachment = create


@fix("deleted-transit-gateway-attachments")
def deleted_attachments_stay_visible():
    # AWS lists a deleted attachment, in state "deleted", for a while; moto forgets it
    # at once, and the provider's wait for "deleted" then fails.
    from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend

    delete = patches(TransitGatewayAttachmentBackend, "delete_transit_gateway_vpc_attachment")
    describe = patches(TransitGatewayAttachmentBackend, "describe_transit_gateway_vpc_attachments")

    def delete_and_remember(self, transit_gateway_attachment_id):
        attachment = delete(self, transit_gateway_attachment_id)
        if not hasattr(self, "privnet_deleted_attachments"):
            self.privnet_deleted_attachments = {}
        self.privnet_deleted_attachments[attachment.id] = attachment
        return attachment

    def describe_with_deleted(self, transit_gateways_attachment_ids=None, filters=None):
        found = describe(self, transit_gateways_attachment_ids, filters)
        deleted = getattr(self, "privnet_deleted_attachments", {})
        return found + [deleted[i] for i in (transit_gateways_attachment_ids or []) if i in deleted]

    TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment = delete_and_remember
    TransitGatewayAttachmentBackend.describe_transit_gateway_vpc_attachments = describe_with_deleted


@fix("service-quota-defaults")
def service_quota_defaults():
    # Not implemented by moto (HTTP 500). The VPC quota check reads a quota's default
    # before the account's own value; moto's table of VPC quotas holds AWS's defaults.
    import json

    from moto.servicequotas.responses import ServiceQuotasResponse

    def get_aws_default_service_quota(self):
        params = json.loads(self.body)
        quota = self.backend.get_service_quota(service_code=str(params.get("ServiceCode")), quota_code=str(params.get("QuotaCode")))
        return json.dumps({"Quota": quota})

    adds(ServiceQuotasResponse, "get_aws_default_service_quota")
    ServiceQuotasResponse.get_aws_default_service_quota = get_aws_default_service_quota


@fix("blocked-encryption-types")
def blocked_encryption_types_read_back():
    # moto keeps the whole rule PutBucketEncryption sent, but GetBucketEncryption answers
    # only the default encryption and the bucket key. A provider from 6.22 on sends the
    # state bucket's BlockedEncryptionTypes (SSE-C) and reads them back: without them in
    # the answer it would plan the encryption again on every run. AWS answers them as set.
    from moto.core.responses import ActionResult
    from moto.core.utils import ensure_boolean
    from moto.s3.exceptions import ServerSideEncryptionConfigurationNotFoundError
    from moto.s3.responses import S3Response

    patches(S3Response, "get_bucket_encryption")

    def get_bucket_encryption(self):
        self.data["Action"] = "GetBucketEncryption"
        encryption = self.backend.get_bucket_encryption(self.bucket_name)
        if not encryption:
            raise ServerSideEncryptionConfigurationNotFoundError(bucket_name=self.bucket_name)
        rule = encryption["Rule"]
        answered = {
            "ApplyServerSideEncryptionByDefault": rule["ApplyServerSideEncryptionByDefault"],
            "BucketKeyEnabled": ensure_boolean(rule.get("BucketKeyEnabled")),
        }
        blocked = (rule.get("BlockedEncryptionTypes") or {}).get("EncryptionType")
        if blocked:
            # xmltodict gives one element as a string, several as a list.
            answered["BlockedEncryptionTypes"] = {"EncryptionType": blocked if isinstance(blocked, list) else [blocked]}
        return self.serialized(ActionResult({"ServerSideEncryptionConfiguration": {"Rules": [answered]}}))

    S3Response.get_bucket_encryption = get_bucket_encryption


@fix("delete-marker-versions")
def delete_markers_can_be_removed():
    # In a bucket whose versioning is suspended (Terraform suspends it when it destroys
    # aws_s3_bucket_versioning, before the bucket), removing a version of a key makes
    # moto drop the key and dispose of every version it held, delete markers included,
    # which have nothing to dispose of: a 500. So Terraform's force_destroy could not
    # empty the state bucket once the S3 backend had deleted a lock object. AWS removes them.
    from moto.s3.models import FakeDeleteMarker

    adds(FakeDeleteMarker, "dispose")
    FakeDeleteMarker.dispose = lambda self, garbage=False: None


@fix("instance-network-interface-read-back")
def instance_groups_and_association_from_its_interface():
    # The provider launches an instance with its subnet, groups and public-address choice
    # on the primary network interface (NetworkInterfaces[0]). moto keeps the groups on
    # that interface only, and answers the instance's SecurityGroups with [] (AWS: the
    # interface's groups); and it answers an interface without a public address with an
    # empty Association (AWS: none), which the provider reads as a public address. So a
    # refresh would read every instance as in no group and public, and a deploy would
    # record that in the state.
    from moto.ec2.models.elastic_network_interfaces import NetworkInterface
    from moto.ec2.models.instances import Instance

    prep_nics = patches(Instance, "prep_nics")

    def prep_nics_with_groups(self, *args, **kwargs):
        prep_nics(self, *args, **kwargs)
        primary = self.nics.get(0)
        if not self.security_groups and primary is not None:
            self.security_groups = list(primary._group_set)

    Instance.prep_nics = prep_nics_with_groups

    association = patches(NetworkInterface, "association")

    def association_only_with_a_public_address(self):
        answered = association.fget(self)
        return answered or None

    NetworkInterface.association = property(association_only_with_a_public_address)


def connection_condition_keys(environ):
    """The condition keys AWS takes from the connection itself, never from a header."""
    if environ.get("wsgi.url_scheme") != "https":
        return {"aws:SecureTransport": "false"}
    # "TLSv1.3" as the handshake settled it; S3 names it "1.3".
    version = environ["werkzeug.socket"].version()
    return {"aws:SecureTransport": "true", "s3:TlsVersion": version.removeprefix("TLSv")}


def write_test_certificates(folder):
    """A certificate authority and a server certificate for 127.0.0.1 and localhost, made
    for this run. Only the authority's certificate and the server's key and certificate
    are written; the authority's key stays in memory, so nothing else can be signed."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    valid = (now - datetime.timedelta(minutes=5), now + datetime.timedelta(days=1))

    def usage(**allowed):
        names = ["digital_signature", "content_commitment", "key_encipherment", "data_encipherment", "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only"]
        return x509.KeyUsage(**{name: allowed.get(name, False) for name in names})

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "privnet deploy-test emulator CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid[0])
        .not_valid_after(valid[1])
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage(key_cert_sign=True, crl_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid[0])
        .not_valid_after(valid[1])
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage(digital_signature=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    os.makedirs(folder, exist_ok=True)
    files = {name: os.path.join(folder, name) for name in ("ca.pem", "server.pem", "server-key.pem")}
    with open(files["ca.pem"], "wb") as out:
        out.write(ca.public_bytes(serialization.Encoding.PEM))
    with open(files["server.pem"], "wb") as out:
        out.write(server.public_bytes(serialization.Encoding.PEM))
    with open(os.open(files["server-key.pem"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
        out.write(server_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return files


def serve(tls_dir):
    import signal
    import ssl

    from werkzeug.serving import make_server

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    moto_app = DomainDispatcherApplication(create_backend_app)
    # moto's backends are not safe to change from several threads at once: under load,
    # two security-group rules authorized side by side once made the second one a
    # "duplicate". Connections still get a thread each; requests are served one at a time.
    serving = threading.Lock()

    def app(environ, start_response):
        with serving:
            CONNECTION.condition_keys = connection_condition_keys(environ)
            try:
                return moto_app(environ, start_response)
            finally:
                CONNECTION.condition_keys = None

    files = write_test_certificates(tls_dir)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(files["server.pem"], files["server-key.pem"])
    # Port 0: the kernel picks a free port at bind, so no other process can take it first.
    tls = make_server("127.0.0.1", 0, app, threaded=True, ssl_context=context)
    plain = make_server("127.0.0.1", 0, app, threaded=True)
    # moto builds some URLs (queue URLs, for one) from it, as its own server sets it.
    os.environ["MOTO_PORT"] = str(tls.server_port)
    for server in (tls, plain):
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop(_signum, _frame):
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # The harness reads this line to find the emulator.
    print(f"privnet moto listening: https={tls.server_port} http={plain.server_port}", flush=True)
    while True:
        signal.pause()


def main():
    import argparse

    import moto

    parser = argparse.ArgumentParser(description="moto with the deploy test's fixes, over HTTPS and plain HTTP on loopback")
    parser.add_argument("--tls-dir", required=True, help="where the run's CA certificate (ca.pem) and the server's key and certificate go")
    args = parser.parse_args()
    if moto.__version__ != MOTO_VERSION:
        raise SystemExit(f"moto {moto.__version__} is installed; these fixes are for moto {MOTO_VERSION} (pip install \"moto[server]=={MOTO_VERSION}\")")
    for apply_fix in FIXES.values():
        apply_fix()
    # The harness reads this line to check that the fixes are the documented ones.
    print("privnet moto fixes: " + ",".join(sorted(FIXES)), flush=True)
    serve(args.tls_dir)


if __name__ == "__main__":
    main()
