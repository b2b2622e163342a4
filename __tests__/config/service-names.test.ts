import { describe, expect, it } from "vitest";
import { awsServiceEndpointName, awsServiceNameProblem, zoneNameOfServiceName } from "../../src/config/service-names";

describe("AWS service endpoint and zone names", () => {
  it("names the article's services: com.amazonaws.<region>.<service> and <service>.<region>.amazonaws.com", () => {
    expect(awsServiceEndpointName("ssm", "ap-northeast-1")).toEqual({
      service: "ssm",
      serviceName: "com.amazonaws.ap-northeast-1.ssm",
      zoneName: "ssm.ap-northeast-1.amazonaws.com",
      wildcard: false,
    });
    expect(awsServiceEndpointName("ec2messages", "ap-northeast-1").zoneName).toBe("ec2messages.ap-northeast-1.amazonaws.com");
  });

  it("reads dotted service names backwards in DNS, as AWS names them", () => {
    expect(awsServiceEndpointName("ecr.api", "ap-northeast-1").zoneName).toBe("api.ecr.ap-northeast-1.amazonaws.com");
    expect(awsServiceEndpointName("sagemaker.runtime", "us-east-1").zoneName).toBe("runtime.sagemaker.us-east-1.amazonaws.com");
    expect(awsServiceEndpointName("ecr.api", "ap-northeast-1").serviceName).toBe("com.amazonaws.ap-northeast-1.ecr.api");
  });

  it("knows the services whose private DNS answers every name below the zone", () => {
    expect(awsServiceEndpointName("ecr.dkr", "ap-northeast-1")).toMatchObject({ zoneName: "dkr.ecr.ap-northeast-1.amazonaws.com", wildcard: true });
    expect(awsServiceEndpointName("execute-api", "ap-northeast-1").wildcard).toBe(true);
    expect(awsServiceEndpointName("logs", "ap-northeast-1").wildcard).toBe(false);
  });

  it("knows services whose DNS name is not their service name", () => {
    expect(awsServiceEndpointName("kinesis-streams", "ap-northeast-1").zoneName).toBe("kinesis.ap-northeast-1.amazonaws.com");
    expect(awsServiceEndpointName("kinesis-firehose", "ap-northeast-1").zoneName).toBe("firehose.ap-northeast-1.amazonaws.com");
  });

  it("uses China's domain and service-name prefix in China's regions", () => {
    expect(awsServiceEndpointName("ssm", "cn-north-1")).toMatchObject({ serviceName: "cn.com.amazonaws.cn-north-1.ssm", zoneName: "ssm.cn-north-1.amazonaws.com.cn" });
  });

  it("refuses full service names and malformed ones, with the reason", () => {
    expect(awsServiceNameProblem("com.amazonaws.ap-northeast-1.kms")).toMatch(/^must be the short service name, such as kms/);
    expect(awsServiceNameProblem("SSM")).toMatch(/^must be an AWS service name/);
    expect(awsServiceNameProblem("ssm.")).toMatch(/^must be an AWS service name/);
    expect(() => awsServiceEndpointName("ssm..x", "ap-northeast-1")).toThrow('AWS service "ssm..x" must be an AWS service name');
  });

  it("maps an endpoint's service name back to its zone name, and nothing for an endpoint service of a customer", () => {
    expect(zoneNameOfServiceName("com.amazonaws.ap-northeast-1.ecr.api")).toBe("api.ecr.ap-northeast-1.amazonaws.com");
    expect(zoneNameOfServiceName("cn.com.amazonaws.cn-north-1.ssm")).toBe("ssm.cn-north-1.amazonaws.com.cn");
    expect(zoneNameOfServiceName("com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0")).toBeUndefined();
  });
});
