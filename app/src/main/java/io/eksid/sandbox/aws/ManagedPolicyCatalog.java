package io.eksid.sandbox.aws;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A realistic slice of the AWS managed policies every account sees: the real names, paths and ARNs
 * ({@code arn:aws:iam::aws:policy/<path><name>}), each with a short representative document.
 */
final class ManagedPolicyCatalog {

    private record Entry(String path, String name, String description, String actions) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("/", "AdministratorAccess", "Provides full access to AWS services and resources.", "\"*\""),
            new Entry("/", "PowerUserAccess", "Provides full access to AWS services and resources, but does not allow management of Users and groups.", "\"*\""),
            new Entry("/", "ReadOnlyAccess", "Provides read-only access to AWS services and resources.", "\"s3:Get*\",\"s3:List*\",\"ec2:Describe*\",\"iam:Get*\",\"iam:List*\""),
            new Entry("/", "AmazonS3ReadOnlyAccess", "Provides read only access to all buckets via the AWS Management Console.", "\"s3:Get*\",\"s3:List*\",\"s3:Describe*\""),
            new Entry("/", "AmazonS3FullAccess", "Provides full access to all buckets via the AWS Management Console.", "\"s3:*\",\"s3-object-lambda:*\""),
            new Entry("/", "AmazonDynamoDBFullAccess", "Provides full access to Amazon DynamoDB via the AWS Management Console.", "\"dynamodb:*\""),
            new Entry("/", "AmazonDynamoDBReadOnlyAccess", "Provides read only access to Amazon DynamoDB via the AWS Management Console.", "\"dynamodb:BatchGetItem\",\"dynamodb:Describe*\",\"dynamodb:List*\",\"dynamodb:GetItem\",\"dynamodb:Query\",\"dynamodb:Scan\""),
            new Entry("/", "AmazonSQSFullAccess", "Provides full access to Amazon SQS via the AWS Management Console.", "\"sqs:*\""),
            new Entry("/", "AmazonSQSReadOnlyAccess", "Provides read only access to Amazon SQS via the AWS Management Console.", "\"sqs:GetQueueAttributes\",\"sqs:GetQueueUrl\",\"sqs:ListQueues\""),
            new Entry("/", "AmazonSNSFullAccess", "Provides full access to Amazon SNS via the AWS Management Console.", "\"sns:*\""),
            new Entry("/", "AmazonKinesisFullAccess", "Provides full access to all streams via the AWS Management Console.", "\"kinesis:*\""),
            new Entry("/", "SecretsManagerReadWrite", "Provides read/write access to AWS Secrets Manager via the AWS Management Console.", "\"secretsmanager:*\",\"kms:DescribeKey\",\"kms:ListAliases\""),
            new Entry("/", "CloudWatchAgentServerPolicy", "Permissions required to use AmazonCloudWatchAgent on servers", "\"cloudwatch:PutMetricData\",\"ec2:DescribeVolumes\",\"ec2:DescribeTags\",\"logs:PutLogEvents\",\"logs:CreateLogStream\",\"logs:CreateLogGroup\""),
            new Entry("/", "CloudWatchLogsFullAccess", "Provides full access to CloudWatch Logs", "\"logs:*\""),
            new Entry("/", "AWSXrayWriteOnlyAccess", "AWS X-Ray write only managed policy", "\"xray:PutTraceSegments\",\"xray:PutTelemetryRecords\",\"xray:GetSamplingRules\""),
            new Entry("/", "AmazonPrometheusRemoteWriteAccess", "Grants write only access to AWS Managed Prometheus workspaces", "\"aps:RemoteWrite\""),
            new Entry("/", "AmazonRoute53FullAccess", "Provides full access to all Amazon Route 53 via the AWS Management Console.", "\"route53:*\",\"route53domains:*\""),
            new Entry("/", "AmazonRDSReadOnlyAccess", "Provides read only access to Amazon RDS via the AWS Management Console.", "\"rds:Describe*\",\"rds:ListTagsForResource\""),
            new Entry("/", "AmazonEC2ReadOnlyAccess", "Provides read only access to Amazon EC2 via the AWS Management Console.", "\"ec2:Describe*\""),
            new Entry("/", "AmazonEC2ContainerRegistryReadOnly", "Provides read-only access to Amazon EC2 Container Registry repositories.", "\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\""),
            new Entry("/", "AmazonSSMManagedInstanceCore", "The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.", "\"ssm:UpdateInstanceInformation\",\"ssmmessages:*\",\"ec2messages:*\""),
            new Entry("/", "ElasticLoadBalancingFullAccess", "Provides full access to Amazon ElasticLoadBalancing.", "\"elasticloadbalancing:*\""),
            new Entry("/", "AmazonEKSClusterPolicy", "This policy provides Kubernetes the permissions it requires to manage resources on your behalf.", "\"ec2:DescribeInstances\",\"ec2:CreateTags\",\"elasticloadbalancing:*\",\"kms:DescribeKey\""),
            new Entry("/", "AmazonEKSWorkerNodePolicy", "This policy allows Amazon EKS worker nodes to connect to Amazon EKS Clusters.", "\"ec2:DescribeInstances\",\"ec2:DescribeRouteTables\",\"eks:DescribeCluster\",\"eks-auth:AssumeRoleForPodIdentity\""),
            new Entry("/", "AmazonEKSWorkerNodeMinimalPolicy", "This policy allows Amazon EKS worker nodes to connect to Amazon EKS Clusters.", "\"eks-auth:AssumeRoleForPodIdentity\""),
            new Entry("/", "AmazonEKS_CNI_Policy", "This policy provides the Amazon VPC CNI Plugin (amazon-vpc-cni-k8s) the permissions it requires to modify the IP address configuration on your EKS worker nodes.", "\"ec2:AssignPrivateIpAddresses\",\"ec2:AttachNetworkInterface\",\"ec2:CreateNetworkInterface\",\"ec2:DescribeNetworkInterfaces\",\"ec2:UnassignPrivateIpAddresses\""),
            new Entry("/", "AmazonEKSVPCResourceController", "Policy used by VPC Resource Controller to manage ENI and IPs for worker nodes.", "\"ec2:CreateNetworkInterfacePermission\",\"ec2:AssignPrivateIpAddresses\""),
            new Entry("/", "AmazonEKSComputePolicy", "Permissions for Amazon EKS Auto Mode to manage EC2 compute.", "\"ec2:CreateFleet\",\"ec2:RunInstances\",\"ec2:CreateLaunchTemplate\""),
            new Entry("/", "AmazonEKSBlockStoragePolicy", "Permissions for Amazon EKS Auto Mode to manage EBS volumes.", "\"ec2:CreateVolume\",\"ec2:AttachVolume\",\"ec2:DetachVolume\""),
            new Entry("/", "AmazonEKSLoadBalancingPolicy", "Permissions for Amazon EKS Auto Mode to manage Elastic Load Balancing.", "\"elasticloadbalancing:*\""),
            new Entry("/", "AmazonEKSNetworkingPolicy", "Permissions for Amazon EKS Auto Mode to manage network interfaces.", "\"ec2:CreateNetworkInterface\",\"ec2:DeleteNetworkInterface\""),
            new Entry("/", "AmazonBedrockFullAccess", "Provides full access to Amazon Bedrock.", "\"bedrock:*\""),
            new Entry("/service-role/", "AmazonEBSCSIDriverPolicy", "IAM Policy that allows the CSI driver service account to make calls to related services such as EC2 on your behalf.", "\"ec2:CreateSnapshot\",\"ec2:AttachVolume\",\"ec2:DetachVolume\",\"ec2:ModifyVolume\",\"ec2:CreateVolume\",\"ec2:DeleteVolume\""),
            new Entry("/service-role/", "AmazonEFSCSIDriverPolicy", "Provides management access to EFS resources and read access to EC2.", "\"elasticfilesystem:DescribeAccessPoints\",\"elasticfilesystem:CreateAccessPoint\",\"elasticfilesystem:DeleteAccessPoint\""),
            new Entry("/service-role/", "AWSLambdaBasicExecutionRole", "Provides write permissions to CloudWatch Logs.", "\"logs:CreateLogGroup\",\"logs:CreateLogStream\",\"logs:PutLogEvents\""));

    private ManagedPolicyCatalog() {
    }

    static List<ManagedPolicyRecord> awsManagedPolicies() {
        Instant created = Instant.parse("2015-02-06T18:40:00Z");
        Instant updated = Instant.parse("2024-06-14T17:12:45Z");
        return ENTRIES.stream().map(e -> new ManagedPolicyRecord(
                "arn:aws:iam::aws:policy" + e.path() + e.name(),
                e.path(),
                e.name(),
                policyId(e.name()),
                "v1",
                e.description(),
                created,
                updated,
                List.of(new ManagedPolicyRecord.PolicyVersion("v1",
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
                                + e.actions() + "],\"Resource\":\"*\"}]}", updated)),
                true)).toList();
    }

    /** Stable {@code ANPA...} ids, so the same policy has the same id in every run. */
    private static String policyId(String name) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        long h = name.toUpperCase(Locale.ROOT).hashCode() * 0x9E3779B97F4A7C15L;
        StringBuilder sb = new StringBuilder("ANPA");
        for (int i = 0; i < 17; i++) {
            sb.append(alphabet.charAt((int) ((h >>> (i * 3)) & 31)));
        }
        return sb.toString();
    }
}
