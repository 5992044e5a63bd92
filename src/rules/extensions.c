/* Resource-specific rules that cfn-lint writes as JSON schemas (the
 * "extensions" of the spec data): each applies one schema to a part of a
 * resource's Properties and reports under its own rule id.  A table, not
 * code per rule; the schemas come with the data. */
#include "../lint.h"
#include "../repr.h"
#include "../util.h"
#include "../validate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const cf_rule rules[] = {
    {"W3045",
     "Controlling access to an S3 bucket should be done with bucket policies",
     "Nearly all access control configurations can be more successfully achieved with bucket policies. Consider using bucket policies instead of access control.",
     "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
     "resources,s3"},
    {"E3023",
     "Validate Route53 RecordSets",
     "Check if all RecordSets are correctly configured",
     "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html",
     "resources,route53,record_set"},
    {"E3029",
     "Validate Route53 record set aliases",
     "When using alias records you can't specify TTL or certain types are allowed",
     "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html",
     "resources,route53,record_set"},
    {"E3042",
     "Validate at least one essential container is specified",
     "Check that every TaskDefinition specifies at least one essential container",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-taskdefinition-containerdefinitions.html#cfn-ecs-taskdefinition-containerdefinition-essential",
     "properties,ecs,task,container,fargate"},
    {"E3044",
     "ECS service using FARGATE or EXTERNAL can only use SchedulingStrategy of REPLICA",
     "When using a LaunchType of Fargate the SchedulingStrategy has to be Replica",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-service.html#cfn-ecs-service-schedulingstrategy",
     "properties,ecs,service,container,fargate"},
    {"E3045",
     "Validate AccessControl are set with OwnershipControls",
     "When using AccessControl other than private you must also configure OwnershipControls. The default is bucket owner enforced which disables ACLs.",
     "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
     "resources,s3"},
    {"E3046",
     "Validate ECS task logging configuration for awslogs",
     "When 'awslogs' the options 'awslogs-group' and 'awslogs-region' are required",
     "",
     "resources"},
    {"E3047",
     "Validate ECS Fargate tasks have the right combination of CPU and memory",
     "When using a ECS Fargate task there is a specfic combination of memory and cpu that can be used",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-taskdefinition.html#cfn-ecs-taskdefinition-memory",
     "properties,ecs,service,container,fargate"},
    {"E3048",
     "Validate ECS Fargate tasks have required properties and values",
     "When using a ECS Fargate task there is a specfic combination of required properties and values",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-taskdefinition.html#cfn-ecs-taskdefinition-memory",
     "properties,ecs,service,container,fargate"},
    {"E3052",
     "Validate ECS service requires NetworkConfiguration",
     "When using an ECS task definition has NetworkMode set to 'awsvpc' then 'NetworkConfiguration' is required",
     "",
     "resources,ecs"},
    {"E3054",
     "Validate ECS service using Fargate uses TaskDefinition that allows Fargate",
     "When using an ECS service with 'LaunchType' of 'FARGATE' the associated task definition must have 'RequiresCompatibilities' specified with 'FARGATE' listed",
     "",
     "resources,ecs"},
    {"E3501",
     "Validate SQS queue properties are valid",
     "Depending on if the queue is FIFO or not the properties and allowed values change. This rule validates properties and values based on the queue type.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html",
     "resources,sqs"},
    {"E3502",
     "Validate SQS DLQ queues are the same type",
     "SQS queues using DLQ have to have the destination queue as the same type (FIFO or standard)",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html",
     "resources,sqs"},
    {"E3505",
     "Validate SQS 'VisibilityTimeout' is greater than a function's 'Timeout'",
     "When attaching a Lambda function to a SQS queue to a Lambda function the SQS 'VisibilityTimeout' has to be greater than or equal to  the lambda functions's 'Timeout'",
     "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html",
     "resources,lambda,sqs"},
    {"E3615",
     "Validate the period is a valid value",
     "Valid values are 10, 30, 60, and any multiple of 60.",
     "",
     "resources,cloudwatch"},
    {"E3617",
     "Validate ManagedBlockchain instance type",
     "Validates the ManagedBlockchain instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3620",
     "Validate a DocDB DB Instance class",
     "Validates the DocDB instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3621",
     "Validate the instance types for AppStream Fleet",
     "Validates the AppStream Fleet instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3025",
     "Validates RDS DB Instance Class",
     "Validates the RDS DB instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3628",
     "Validate EC2 instance types based on region",
     "Validates the EC2 instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3633",
     "Validate Lambda event source mapping StartingPosition is used correctly",
     "When 'EventSourceArn' is associate to Kinesis, Kafka, or DynamoDB you must specify 'StartingPosition",
     "",
     "resources"},
    {"E3634",
     "Validate Lambda event source mapping starting position is used with SQS",
     "When 'EventSourceArn' is associated to SQS don't specify 'StartingPosition'",
     "",
     "resources"},
    {"E3635",
     "Validate Neptune DB instance class",
     "Validates the instance types for Neptune DB based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3636",
     "Validate CodeBuild projects using S3 also have Location",
     "When using 'S3' for 'Type' then you must also specify 'Location'",
     "",
     "resources,codebuild"},
    {"E3638",
     "Validate DynamoDB BillingMode pay per request configuration",
     "When 'BillingMode' is 'PAY_PER_REQUEST' don't specify 'ProvisionedThroughput'",
     "",
     "resources"},
    {"E3639",
     "When BillingMode is Provisioned you must specify ProvisionedThroughput",
     "When 'BillingMode' is 'Provisioned' 'ProvisionedThroughput' is required",
     "",
     "resources"},
    {"E3641",
     "Validate GameLift Fleet EC2 instance type",
     "Validates the GameLift Fleet EC2 instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3647",
     "Validate ElastiCache cluster cache node type",
     "Validates the ElastiCache instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3652",
     "Validate Elasticsearch domain cluster instance",
     "Validates the Elasticsearch instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3660",
     "RestApi requires a name when not using an OpenAPI specification",
     "When using AWS::ApiGateway::RestApi you have to provide 'Name' if you don't provide 'Body' or 'BodyS3Location'",
     "",
     "resources,apigateway"},
    {"E3661",
     "Validate Route53 health check has AlarmIdentifier when using CloudWatch",
     "When 'Type' is 'CLOUDWATCH_METRIC' you must specify 'AlarmIdentifier'",
     "",
     "resources"},
    {"E3062",
     "Validates RDS DB Instance Class based on Engine and EngineVersion",
     "Validates the RDS DB instance types based on 'Engine' and 'EngineVersion'. 'EngineVersion' is based on the minor version.",
     "",
     "resources"},
    {"E3694",
     "Validates RDS DB Cluster instance class",
     "Validates the RDS DB Cluster instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3663",
     "Validate Lambda environment variable names aren't reserved",
     "Lambda reserves a set of environment variable names for its use. This rule validates that the provided environment variable names don't use the reserved variable names",
     "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html",
     "resources,lambda,runtime"},
    {"E3667",
     "Validate RedShift cluster node type",
     "Validates the RedShift instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3670",
     "Validate the instance types for an AmazonMQ Broker",
     "Validates the instance types for AmazonMQ broker based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3671",
     "Validate block device mapping configuration",
     "Certain volume types require Iops to be specified",
     "",
     "resources,ec2"},
    {"E3672",
     "Validate the cluster node type for a DAX Cluster",
     "Validates the DAX cluster instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3674",
     "Primary cannoy be True when PrivateIpAddress is specified",
     "Only specify the private IP address for an instance in one spot",
     "",
     "resources,ec2"},
    {"E3675",
     "Validate EMR cluster instance type",
     "Validates the EMR cluster instance types based on region and data gathered from the pricing APIs",
     "",
     "resources"},
    {"E3676",
     "Validate ELBv2 protocols that require certificates have a certificate specified",
     "When using HTTP or TLS you must specify a certificate",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listener.html#cfn-elasticloadbalancingv2-listener-certificates",
     "resources"},
    {"E3677",
     "Validate Lambda using ZipFile requires an allowable runtime",
     "Using the ZipFile attribute requires a javascript or python runtime to be specified",
     "",
     "resources"},
    {"E3678",
     "Using the ZipFile attribute requires a runtime to be specified",
     "Using the ZipFile attribute requires a runtime to be specified",
     "",
     "resources"},
    {"E3679",
     "Validate ELB protocols that require certificates have a certificate specified",
     "When using HTTPS or SSL you must provide a certificate",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancing-loadbalancer-listeners.html#cfn-elasticloadbalancing-loadbalancer-listeners-sslcertificateid",
     "resources"},
    {"E3680",
     "Application load balancers require at least 2 subnets",
     "",
     "",
     "resources"},
    {"E3681",
     "Validate target group target type property restrictions",
     "When a TargetGroup target type is lambda or not there are different restrictions on properties.",
     "",
     "resources"},
    {"E3682",
     "Validate when using Aurora certain properies aren't required",
     "When creating an aurora DBInstance don't specify 'AllocatedStorage', 'BackupRetentionPeriod', 'CopyTagsToSnapshot', 'DeletionProtection', 'EnableIAMDatabaseAuthentication', 'MasterUserPassword', or 'StorageEncrypted'",
     "",
     "resources"},
    {"E3683",
     "Validate target group protocol property restrictions",
     "When a TargetGroup protocol is HTTP/HTTPS or GENEVE there are different restrictions on properties.",
     "",
     "resources"},
    {"E3684",
     "Validate target group health check protocol property restrictions",
     "When a TargetGroup health check protocol is specified there are restrictions on other properties.",
     "",
     "resources"},
    {"E3685",
     "Container image functions cannot use Handler, Runtime, or Layers",
     "Functions with PackageType 'Image' cannot specify Handler, Runtime, or Layers properties",
     "",
     "resources"},
    {"E3686",
     "Validate allowed properties when using a serverless RDS DB cluster",
     "Validate that when EngineMode is 'serverless' or 'provisioned' that the appropriate allowed properties are provided. If 'EngineMode' is not provided make sure serverless properties don't exist at all.",
     "",
     "resources"},
    {"E3687",
     "Validate to and from ports based on the protocol",
     "When using  icmp, icmpv6, tcp, or udp you have to specify the to and from port ranges",
     "",
     "resources"},
    {"E3688",
     "Validate that to and from ports are both -1",
     "When ToPort or FromPort are -1 the other one must also be -1",
     "",
     "resources"},
    {"E3689",
     "Validate MonitoringInterval and MonitoringRoleArn are used together",
     "When MonitoringInterval is greater than 0 you need to specify MonitoringRoleArn. If MonitoringRoleArn is specified MonitoringInterval has to be greather than 0.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-monitoringinterval",
     "resources"},
    {"E3692",
     "Validate Multi-AZ DB cluster configuration",
     "When creating a Multi-AZ DB Cluster there are required fields and the allowed values are different",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-engineversion",
     "resources"},
    {"E3693",
     "Validate Aurora DB cluster configuration",
     "When creating an Aurora DB Cluster there are required fields and the allowed values are different",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-engineversion",
     "resources"},
    {"E3695",
     "Validate Elasticache Cluster Engine and Engine Version",
     "Validate the Elasticache cluster engine along with the engine version",
     "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/supported-engine-versions.html",
     "resources"},
    {"E3696",
     "LogLevel is not supported when LogFormat is set to Text",
     "LogLevel is not supported when LogFormat is set to 'Text'. Remove LogLevel from your request or change the LogFormat to 'JSON'",
     "",
     "resources"},
    {"E3698",
     "API Gateway Stage and Deployment must use the same RestApi",
     "When an API Gateway Stage references a Deployment, both must reference the same RestApi. A mismatch causes a deployment failure.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-stage.html",
     "resources,apigateway"},
    {"E3699",
     "API Gateway Method and Authorizer must use the same RestApi",
     "When an API Gateway Method references an Authorizer, both must reference the same RestApi. A mismatch causes a deployment failure.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html",
     "resources,apigateway"},
    {"E3704",
     "Validate TransitEncryptionEnabled is set when using Valkey engine",
     "When Engine is valkey, TransitEncryptionEnabled must be explicitly set",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-replicationgroup.html#cfn-elasticache-replicationgroup-transitencryptionenabled",
     "resources,elasticache"},
    {"E3705",
     "Validate SQS FIFO queue EventSourceMapping BatchSize is at most 10",
     "When an EventSourceMapping references a FIFO SQS queue, the BatchSize must be at most 10",
     "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html",
     "resources,lambda,sqs"},
    {"E3706",
     "MaxSize must be greater than or equal to MinSize",
     "Validates that AutoScaling group MaxSize is greater than or equal to MinSize",
     "https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html",
     "resources,autoscaling"},
    {"E3707",
     "Validate RDS DBInstance Engine matches DBCluster Engine",
     "When a DBInstance references a DBCluster via DBClusterIdentifier, the Engine property must match between the two resources",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html",
     "resources,rds"},
    {"E3708",
     "API Gateway Method AuthorizationType must match Authorizer Type",
     "When using AuthorizationType 'CUSTOM', the referenced Authorizer must have Type 'TOKEN' or 'REQUEST'. When using AuthorizationType 'COGNITO_USER_POOLS', the Authorizer must have Type 'COGNITO_USER_POOLS'.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-method.html",
     "resources,apigateway"},
    {"E3709",
     "Validate RDS DBInstance StorageEncrypted matches DBCluster",
     "When a DBInstance references a DBCluster via DBClusterIdentifier, the StorageEncrypted property must match between the two resources",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html",
     "resources,rds"},
    {"E3711",
     "Validate ListenerRule target group protocol is not GENEVE",
     "When a ListenerRule forwards to a TargetGroup, the TargetGroup protocol must not be GENEVE. GENEVE is only supported with Gateway Load Balancers, not Application or Network Load Balancers.",
     "https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/target-groups.html",
     "resources,elasticloadbalancingv2"},
    {"E3712",
     "TargetTrackingScaling policy requires ASG MaxSize greater than MinSize",
     "When using a TargetTrackingScaling policy the referenced AutoScalingGroup must have MaxSize different from MinSize to allow scaling",
     "https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html",
     "resources,autoscaling"},
    {"E3713",
     "Validate Fargate ECS services use supported log drivers",
     "When using an ECS service with 'LaunchType' of 'FARGATE' the referenced task definition containers must use a supported log driver ('awslogs', 'splunk', or 'awsfirelens'). Other log drivers like 'json-file' or 'syslog' are not supported on Fargate.",
     "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
     "resources,ecs"},
    {"E3714",
     "Validate LaunchTemplate SecurityGroup and Subnet are in the same VPC",
     "When a LaunchTemplate references SecurityGroups via 'SecurityGroupIds' and Subnets via 'NetworkInterfaces', the SecurityGroup's VpcId must match the Subnet's VpcId",
     "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-launch-templates.html",
     "resources,ec2"},
    {"E3715",
     "VirtualName must use ephemeral device format when Ebs is absent",
     "When specifying VirtualName without Ebs in a block device mapping, the value must match 'ephemeralN' (N=0-23) or the deployment will fail.",
     "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-device-mapping-concepts.html",
     "resources,ec2"},
    {"E3718",
     "Validate API Gateway Authorizer TTL based on type",
     "AuthorizerResultTtlInSeconds maximum of 3600 only applies to TOKEN and REQUEST authorizers.",
     "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html",
     "resources,apigateway"},
    {"E3719",
     "Validate RDS BackupRetentionPeriod configuration",
     "BackupRetentionPeriod is not allowed when DBClusterIdentifier is specified. For standalone non-Aurora instances the maximum is 35.",
     "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
     "resources,rds"},
    {"E3720",
     "Validate StorageEncrypted is set when KmsKeyId is specified",
     "When specifying a KmsKeyId for a non-custom engine RDS DBInstance, StorageEncrypted must be set to true. Custom engines (custom-*) handle encryption implicitly and do not require StorageEncrypted.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html",
     "resources,rds"},
    {"E3721",
     "Validate ReplicaMode value for Oracle and Db2 engines",
     "When specifying ReplicaMode for Oracle or Db2 engines, the value must be 'mounted' or 'open-read-only'.",
     "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/oracle-read-replicas.html",
     "resources,rds"},
    {"W3663",
     "Validate SourceAccount is required property",
     "When configuration a Lambda permission with a SourceArn that doesn't have an AccountId you should also specify the SourceAccount",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html#cfn-lambda-permission-sourceaccount",
     "resources,lambda,permission"},
    {"W3664",
     "Validate Lambda permission Principal matches SourceArn resource type",
     "When configuring a Lambda permission with a SourceArn that references a resource, the Principal should match the service that owns that resource type",
     "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
     "resources,lambda,permission"},
    {"W3687",
     "Validate that ports aren't specified for certain protocols",
     "When using a protocol other than icmp, icmpv6, tcp, or udp the port ranges properties are ignored",
     "",
     "resources"},
    {"W3688",
     "When restoring DBCluster certain properties are ignored",
     "When creating a DBCluster extra properties are ignored and could result in drift",
     "",
     "resources,rds"},
    {"W3689",
     "When using a source DB certain properties are ignored",
     "When creating a DBCluster from a source certain properties are ignored and could result in drift",
     "",
     "resources,rds"},
    {"W3693",
     "Validate Aurora DB cluster configuration for ignored properties",
     "When creating an Aurora DB Cluster there are fields that will allow for successful deployment but are ignored",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-engineversion",
     "resources"},
    {"W3694",
     "SNS Subscription Endpoint should match Protocol",
     "When an SNS Subscription Protocol is 'sqs', the Endpoint should reference an SQS Queue. When Protocol is 'lambda', the Endpoint should reference a Lambda Function.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-subscription.html",
     "resources,sns"},
    {"W3702",
     "awslayer ARN format may not be available",
     "Layer ARNs using the 'awslayer' format may not be available.",
     "https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html",
     "resources,lambda"},
    {"W3703",
     "VPNGateway Type should be ipsec.1",
     "The only supported value for AWS::EC2::VPNGateway Type is 'ipsec.1'. Other values may not be available.",
     "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpngateway.html",
     "resources,ec2"},
};

/* resource type, rule, spec entry and file of the schema, path under
 * Properties ('*': every list item).  Kept sorted by type (in strcmp's
 * order): each resource finds its entries by binary search. */
typedef struct applied_schema {
    const char *type, *rule, *entry, *file, *path;
} applied_schema;
static const applied_schema applied[] = {
    {"AWS::AmazonMQ::Broker", "E3670", "ext/AWS::AmazonMQ::Broker", "instancetype_enum", "HostInstanceType"},
    {"AWS::ApiGateway::Authorizer", "E3718", "ext/AWS::ApiGateway::Authorizer", "ttl", ""},
    {"AWS::ApiGateway::Method", "E3699", "ext/AWS::ApiGateway::Method", "method_authorizer_rest_api", ""},
    {"AWS::ApiGateway::Method", "E3708", "ext/AWS::ApiGateway::Method", "method_authorizer_type", ""},
    {"AWS::ApiGateway::RestApi", "E3660", "ext/AWS::ApiGateway::RestApi", "openapi_properties", ""},
    {"AWS::ApiGateway::Stage", "E3698", "ext/AWS::ApiGateway::Stage", "stage_deployment_rest_api", ""},
    {"AWS::AppStream::Fleet", "E3621", "ext/AWS::AppStream::Fleet", "instancetype_enum", "InstanceType"},
    {"AWS::AutoScaling::AutoScalingGroup", "E3706", "ext/AWS::AutoScaling::AutoScalingGroup", "min_max_size", ""},
    {"AWS::AutoScaling::LaunchConfiguration", "E3671", "ext/AWS::EC2::Instance", "blockdevicemappings", "BlockDeviceMappings/*/Ebs"},
    {"AWS::AutoScaling::LaunchConfiguration", "E3715", "ext/AWS::EC2::Instance", "virtualname_ephemeral", "BlockDeviceMappings/*"},
    {"AWS::AutoScaling::ScalingPolicy", "E3712", "ext/AWS::AutoScaling::ScalingPolicy", "policy_target_tracking_asg", ""},
    {"AWS::CloudWatch::Alarm", "E3615", "ext/AWS::CloudWatch::Alarm", "period", ""},
    {"AWS::CodeBuild::Project", "E3636", "ext/AWS::CodeBuild::Project", "s3_locations", "Artifacts"},
    {"AWS::CodeBuild::Project", "E3636", "ext/AWS::CodeBuild::Project", "s3_locations", "Source"},
    {"AWS::DAX::Cluster", "E3672", "ext/AWS::DAX::Cluster", "nodetype_enum", "NodeType"},
    {"AWS::DocDB::DBInstance", "E3620", "ext/AWS::DocDB::DBInstance", "dbinstanceclass_enum", "DBInstanceClass"},
    {"AWS::DynamoDB::Table", "E3638", "ext/AWS::DynamoDB::Table", "billingmode_exclusive", ""},
    {"AWS::DynamoDB::Table", "E3639", "ext/AWS::DynamoDB::Table", "billingmode_provisioned_dependent", ""},
    {"AWS::EC2::Instance", "E3628", "ext/AWS::EC2::Instance", "instancetype_enum", "InstanceType"},
    {"AWS::EC2::Instance", "E3671", "ext/AWS::EC2::Instance", "blockdevicemappings", "BlockDeviceMappings/*/Ebs"},
    {"AWS::EC2::Instance", "E3674", "ext/AWS::EC2::Instance", "privateipaddress", ""},
    {"AWS::EC2::Instance", "E3715", "ext/AWS::EC2::Instance", "virtualname_ephemeral", "BlockDeviceMappings/*"},
    {"AWS::EC2::LaunchTemplate", "E3671", "ext/AWS::EC2::Instance", "blockdevicemappings", "LaunchTemplateData/BlockDeviceMappings/*/Ebs"},
    {"AWS::EC2::LaunchTemplate", "E3714", "ext/AWS::EC2::LaunchTemplate", "launch_template_sg_subnet_vpc", ""},
    {"AWS::EC2::LaunchTemplate", "E3715", "ext/AWS::EC2::Instance", "virtualname_ephemeral", "LaunchTemplateData/BlockDeviceMappings/*"},
    {"AWS::EC2::NetworkInterface", "E3674", "ext/AWS::EC2::Instance", "privateipaddress", ""},
    {"AWS::EC2::SecurityGroup", "E3687", "ext/AWS::EC2::SecurityGroup", "protocols_and_port_ranges_include", "SecurityGroupEgress/*"},
    {"AWS::EC2::SecurityGroup", "E3687", "ext/AWS::EC2::SecurityGroup", "protocols_and_port_ranges_include", "SecurityGroupIngress/*"},
    {"AWS::EC2::SecurityGroup", "E3688", "ext/AWS::EC2::SecurityGroup", "all_to_and_from_ports", "SecurityGroupEgress/*"},
    {"AWS::EC2::SecurityGroup", "E3688", "ext/AWS::EC2::SecurityGroup", "all_to_and_from_ports", "SecurityGroupIngress/*"},
    {"AWS::EC2::SecurityGroup", "W3687", "ext/AWS::EC2::SecurityGroup", "protocols_and_port_ranges_exclude", "SecurityGroupEgress/*"},
    {"AWS::EC2::SecurityGroup", "W3687", "ext/AWS::EC2::SecurityGroup", "protocols_and_port_ranges_exclude", "SecurityGroupIngress/*"},
    {"AWS::EC2::SecurityGroupEgress", "E3687", "ext/AWS::EC2::SecurityGroup", "protocols_and_port_ranges_include", ""},
    {"AWS::EC2::SecurityGroupEgress", "E3688", "ext/AWS::EC2::SecurityGroup", "all_to_and_from_ports", ""},
    {"AWS::EC2::SecurityGroupEgress", "W3687", "ext/AWS::EC2::SecurityGroup", "protocols_and_port_ranges_exclude", ""},
    {"AWS::EC2::SecurityGroupIngress", "E3687", "ext/AWS::EC2::SecurityGroup", "protocols_and_port_ranges_include", ""},
    {"AWS::EC2::SecurityGroupIngress", "E3688", "ext/AWS::EC2::SecurityGroup", "all_to_and_from_ports", ""},
    {"AWS::EC2::SecurityGroupIngress", "W3687", "ext/AWS::EC2::SecurityGroup", "protocols_and_port_ranges_exclude", ""},
    {"AWS::EC2::SpotFleet", "E3671", "ext/AWS::EC2::Instance", "blockdevicemappings", "SpotFleetRequestConfigData/LaunchSpecifications/*/BlockDeviceMappings/*/Ebs"},
    {"AWS::EC2::SpotFleet", "E3715", "ext/AWS::EC2::Instance", "virtualname_ephemeral", "SpotFleetRequestConfigData/LaunchSpecifications/*/BlockDeviceMappings/*"},
    {"AWS::EC2::VPNGateway", "W3703", "ext/AWS::EC2::VPNGateway", "type_enum", "Type"},
    {"AWS::ECS::Service", "E3044", "ext/AWS::ECS::Service", "fargate", ""},
    {"AWS::ECS::Service", "E3052", "ext/AWS::ECS::Service", "service_network_configuration", ""},
    {"AWS::ECS::Service", "E3054", "ext/AWS::ECS::Service", "service_fargate", ""},
    {"AWS::ECS::Service", "E3713", "ext/AWS::ECS::Service", "service_fargate_log_driver", ""},
    {"AWS::ECS::TaskDefinition", "E3042", "ext/AWS::ECS::TaskDefinition", "containerdefinitions_essential", "ContainerDefinitions/*"},
    {"AWS::ECS::TaskDefinition", "E3046", "ext/AWS::ECS::TaskDefinition", "logging_configuration", "ContainerDefinitions/*/LogConfiguration"},
    {"AWS::ECS::TaskDefinition", "E3047", "ext/AWS::ECS::TaskDefinition", "fargate_cpu_memory", ""},
    {"AWS::ECS::TaskDefinition", "E3048", "ext/AWS::ECS::TaskDefinition", "fargate_properties", ""},
    {"AWS::EMR::Cluster", "E3675", "ext/AWS::EMR::Cluster", "instancetypeconfig_instancetype_enum", "Instances/CoreInstanceFleet/InstanceTypeConfigs/*/InstanceType"},
    {"AWS::EMR::Cluster", "E3675", "ext/AWS::EMR::Cluster", "instancetypeconfig_instancetype_enum", "Instances/CoreInstanceGroup/InstanceType"},
    {"AWS::EMR::Cluster", "E3675", "ext/AWS::EMR::Cluster", "instancetypeconfig_instancetype_enum", "Instances/TaskInstanceFleets/*/InstanceTypeConfigs/*/InstanceType"},
    {"AWS::EMR::Cluster", "E3675", "ext/AWS::EMR::Cluster", "instancetypeconfig_instancetype_enum", "Instances/TaskInstanceGroups/*/InstanceType"},
    {"AWS::ElastiCache::CacheCluster", "E3647", "ext/AWS::ElastiCache::CacheCluster", "cachenodetype_enum", "CacheNodeType"},
    {"AWS::ElastiCache::CacheCluster", "E3695", "ext/AWS::ElastiCache::CacheCluster", "engine_version", ""},
    {"AWS::ElastiCache::ReplicationGroup", "E3704", "ext/AWS::ElastiCache::ReplicationGroup", "transitencryptionenabled_valkey", ""},
    {"AWS::ElasticLoadBalancing::LoadBalancer", "E3679", "ext/AWS::ElasticLoadBalancing::LoadBalancer", "certificate", "Listeners/*"},
    {"AWS::ElasticLoadBalancingV2::Listener", "E3676", "ext/AWS::ElasticLoadBalancingV2::Listener", "certificate", ""},
    {"AWS::ElasticLoadBalancingV2::ListenerRule", "E3711", "ext/AWS::ElasticLoadBalancingV2::ListenerRule", "listener_rule_target_group_protocol", ""},
    {"AWS::ElasticLoadBalancingV2::LoadBalancer", "E3680", "ext/AWS::ElasticLoadBalancingV2::LoadBalancer", "application_subnets", ""},
    {"AWS::ElasticLoadBalancingV2::TargetGroup", "E3681", "ext/AWS::ElasticLoadBalancingV2::TargetGroup", "targettype_restrictions", ""},
    {"AWS::ElasticLoadBalancingV2::TargetGroup", "E3683", "ext/AWS::ElasticLoadBalancingV2::TargetGroup", "protocol_restrictions", ""},
    {"AWS::ElasticLoadBalancingV2::TargetGroup", "E3684", "ext/AWS::ElasticLoadBalancingV2::TargetGroup", "healthcheckprotocol_restrictions", ""},
    {"AWS::Elasticsearch::Domain", "E3652", "ext/AWS::Elasticsearch::Domain", "elasticsearchclusterconfig_instancetype_enum", "ElasticsearchClusterConfig/InstanceType"},
    {"AWS::GameLift::Fleet", "E3641", "ext/AWS::GameLift::Fleet", "ec2instancetype_enum", "EC2InstanceType"},
    {"AWS::Lambda::EventSourceMapping", "E3505", "ext/AWS::Lambda::EventSourceMapping", "event_source_sqs_timeout", ""},
    {"AWS::Lambda::EventSourceMapping", "E3633", "ext/AWS::Lambda::EventSourceMapping", "eventsourcearn_stream_inclusive", ""},
    {"AWS::Lambda::EventSourceMapping", "E3634", "ext/AWS::Lambda::EventSourceMapping", "eventsourcearn_sqs_exclusive", ""},
    {"AWS::Lambda::EventSourceMapping", "E3705", "ext/AWS::Lambda::EventSourceMapping", "event_source_sqs_fifo_batch_size", ""},
    {"AWS::Lambda::Function", "E3663", "ext/AWS::Lambda::Function", "environment_variable_keys", "Environment/Variables"},
    {"AWS::Lambda::Function", "E3677", "ext/AWS::Lambda::Function", "zipfile_runtime_enum", ""},
    {"AWS::Lambda::Function", "E3678", "ext/AWS::Lambda::Function", "zipfile_runtime_exists", ""},
    {"AWS::Lambda::Function", "E3685", "ext/AWS::Lambda::Function", "packagetype_image_exclusions", ""},
    {"AWS::Lambda::Function", "E3696", "ext/AWS::Lambda::Function", "loglevel_logformat", ""},
    {"AWS::Lambda::Function", "W3702", "ext/AWS::Lambda::Function", "awslayer", "Layers/*"},
    {"AWS::Lambda::Permission", "W3663", "ext/AWS::Lambda::Permission", "permission_source_account", ""},
    {"AWS::Lambda::Permission", "W3664", "ext/AWS::Lambda::Permission", "permission_principal", ""},
    {"AWS::ManagedBlockchain::Node", "E3617", "ext/AWS::ManagedBlockchain::Node", "nodeconfiguration_instancetype_enum", "NodeConfiguration/InstanceType"},
    {"AWS::Neptune::DBInstance", "E3635", "ext/AWS::Neptune::DBInstance", "dbinstanceclass_enum", "DBInstanceClass"},
    {"AWS::OpsWorks::Instance", "E3671", "ext/AWS::EC2::Instance", "blockdevicemappings", "BlockDeviceMappings/*/Ebs"},
    {"AWS::OpsWorks::Instance", "E3715", "ext/AWS::EC2::Instance", "virtualname_ephemeral", "BlockDeviceMappings/*"},
    {"AWS::RDS::DBCluster", "E3686", "ext/AWS::RDS::DBCluster", "serverless_exclusive", ""},
    {"AWS::RDS::DBCluster", "E3694", "ext/AWS::RDS::DBCluster", "dbclusterinstanceclass_enum", ""},
    {"AWS::RDS::DBCluster", "E3689", "ext/AWS::RDS::DBCluster", "monitoring", ""},
    {"AWS::RDS::DBCluster", "E3692", "ext/AWS::RDS::DBCluster", "multiaz", ""},
    {"AWS::RDS::DBCluster", "E3693", "ext/AWS::RDS::DBCluster", "aurora", ""},
    {"AWS::RDS::DBCluster", "W3688", "ext/AWS::RDS::DBCluster", "snapshotidentifier", ""},
    {"AWS::RDS::DBCluster", "W3689", "ext/AWS::RDS::DBCluster", "sourcedbclusteridentifier", ""},
    {"AWS::RDS::DBCluster", "W3693", "ext/AWS::RDS::DBCluster", "aurora_warning", ""},
    {"AWS::RDS::DBInstance", "E3025", "ext/AWS::RDS::DBInstance", "dbinstanceclass_enum", ""},
    {"AWS::RDS::DBInstance", "E3062", "ext/AWS::RDS::DBInstance", "db_instance_class", ""},
    {"AWS::RDS::DBInstance", "I3013", "ext/AWS::RDS::DBInstance", "backupretentionperiod", ""},
    {"AWS::RDS::DBInstance", "E3682", "ext/AWS::RDS::DBInstance", "aurora_exclusive", ""},
    {"AWS::RDS::DBInstance", "E3707", "ext/AWS::RDS::DBInstance", "instance_cluster_engine", ""},
    {"AWS::RDS::DBInstance", "E3709", "ext/AWS::RDS::DBInstance", "instance_cluster_storage_encrypted", ""},
    {"AWS::RDS::DBInstance", "E3719", "ext/AWS::RDS::DBInstance", "backupretentionperiod_maximum", ""},
    {"AWS::RDS::DBInstance", "E3720", "ext/AWS::RDS::DBInstance", "kmskey_storageencrypted", ""},
    {"AWS::RDS::DBInstance", "E3721", "ext/AWS::RDS::DBInstance", "replicamode_enum", ""},
    {"AWS::Redshift::Cluster", "E3667", "ext/AWS::Redshift::Cluster", "nodetype_enum", "NodeType"},
    {"AWS::Route53::HealthCheck", "E3661", "ext/AWS::Route53::HealthCheck", "healthcheckconfig_type_inclusive", "HealthCheckConfig"},
    {"AWS::Route53::RecordSet", "E3023", "ext/AWS::Route53::RecordSet", "recordset_pattern", ""},
    {"AWS::Route53::RecordSet", "E3029", "ext/AWS::Route53::RecordSet", "recordset_alias", ""},
    {"AWS::Route53::RecordSetGroup", "E3023", "ext/AWS::Route53::RecordSet", "recordset_pattern", "RecordSets/*"},
    {"AWS::Route53::RecordSetGroup", "E3029", "ext/AWS::Route53::RecordSet", "recordset_alias", "RecordSets/*"},
    {"AWS::S3::Bucket", "E3045", "ext/AWS::S3::Bucket", "ownershipcontrols", ""},
    {"AWS::SNS::Subscription", "W3694", "ext/AWS::SNS::Subscription", "subscription_endpoint_protocol", ""},
    {"AWS::SQS::Queue", "E3501", "ext/AWS::SQS::Queue", "properties", ""},
    {"AWS::SQS::Queue", "E3502", "ext/AWS::SQS::Queue", "queue_dlq", ""},
};

typedef struct apply_ctx {
    cf_lint_ctx *ctx;
    const cf_node *schema;
    const char *rule;
    const cf_node *instance; /* what the schema is applied to */
    const char *region;      /* a schema of this region's: findings say so */
    const char *type, *path; /* the resource type, where the schema applies */
} apply_ctx;

/* Rules cfn-lint runs with all_matches off: of what the schema finds in one
 * value it keeps the best match only (the one highest up in the value, the
 * first on a tie), worded by the rule (its short description unless a
 * wording below says otherwise). */
static const char *const once[] = {
    "E3025", "E3029", "E3042", "E3045", "E3047", "E3615", "E3633", "E3634", "E3636", "E3638", "E3639",
    "E3660", "E3661", "E3671", "E3674", "E3677", "E3678", "E3682", "E3685", "E3686", "E3687",
    "E3688", "E3689", "E3696", "E3698", "E3699", "E3705", "E3706", "E3707", "E3708", "E3709",
    "E3715", "E3718", "E3720", "E3721", "W3663", "W3664", "W3687", "W3688", "W3689", "W3694",
    "W3702", "I3013", "E3694",
};

/* How cfn-lint words a rule's findings (its rule class's message()).  The
 * first entry of the rule that fits is used.  `keyword`: only findings of
 * the keyword that reports under this rule id by itself (E3003 required,
 * E3034 minimum/maximum), or "false": a `false` schema met (the rules that
 * keep every finding word only these their own way, in their validate()),
 * or "not": a "not" schema the value meets;
 * `key`/`values`: only when the value's
 * property `key` is one of `values` ('|' between them).  In the text:
 *   {P!r}        repr() of property P of the value (None when it is absent)
 *   {P}          str() of it
 *   {instance!r} repr() of the value the rule checks
 *   {value!r}    repr() of what the finding is about
 *   {name!r}     repr() of the key the finding is placed on (propertyNames)
 *   {key!r}      the step below the value the finding is under
 *   {message}    the message the keyword gave
 *   {present!r:A,B,...}  the list of A, B, ... the value has, in its order */
static const struct wording {
    const char *rule, *keyword, *key, *values, *text;
    const char *at; /* when set, the finding moves to the value's property of this name */
} wordings[] = {
    {"E3501", "false", NULL, NULL, "Additional properties are not allowed ({key!r} was unexpected)"},
    {"E3681", "false", NULL, NULL, "Additional properties are not allowed ({key!r} was unexpected)"},
    {"E3683", "false", NULL, NULL, "Additional properties are not allowed ({key!r} was unexpected)"},
    {"E3684", "false", NULL, NULL, "Additional properties are not allowed ({key!r} was unexpected)"},
    {"E3692", "false", NULL, NULL, "Additional properties are not allowed {key!r} when creating Multi-AZ cluster"},
    {"E3693", "false", NULL, NULL, "Additional properties are not allowed {key!r} when creating Aurora cluster"},
    {"W3693", "false", NULL, NULL, "Additional properties are not allowed {key!r} when creating Aurora cluster"},
    {"E3719", "false", NULL, NULL,
     "'BackupRetentionPeriod' is not allowed when 'DBClusterIdentifier' is specified. "
     "Set backup retention period on the DB cluster instead."},
    /* cross-resource rules ("cfnGather" schemas, checked in rules/gather.c):
     * their wordings, kept with the others) */
    {"E3054", "E3003", NULL, NULL, "'RequiresCompatibilities' is a required property"},
    {"E3711", NULL, NULL, NULL,
     "TargetGroup protocol 'GENEVE' is not compatible with ListenerRule forwarding actions. "
     "GENEVE is only supported with Gateway Load Balancers."},
    {"E3712", NULL, NULL, NULL,
     "TargetTrackingScaling policy requires the referenced AutoScalingGroup to have MaxSize greater than MinSize"},
    {"E3713", "E3030", NULL, NULL,
     "{value!r} is not a supported Fargate log driver. Use 'awslogs', 'splunk', or 'awsfirelens'"},
    {"E3714", NULL, NULL, NULL, "SecurityGroup VpcId does not match Subnet VpcId in the LaunchTemplate"},
    {"E3048", "not", NULL, NULL, "'PlacementConstraints' isn't supported for Fargate tasks", "PlacementConstraints"},
    {"E3025", NULL, NULL, NULL, "{message}"},
    {"E3694", NULL, NULL, NULL, "{message}"},
    {"I3013", NULL, NULL, NULL,
     "{message} (The default retention period will delete the data after a pre-defined time. "
     "Set an explicit values to avoid data loss on resource)"},
    {"E3029", NULL, NULL, NULL, "Additional properties are not allowed ('TTL' was unexpected)"},
    {"E3042", NULL, NULL, NULL, "At least one essential container is required"},
    {"E3045", NULL, NULL, NULL, "A bucket with 'AccessControl' set should also have at least one 'OwnershipControl' configured"},
    {"E3047", NULL, NULL, NULL, "Cpu {Cpu!r} is not compatible with memory {Memory!r}"},
    {"E3615", NULL, NULL, NULL, "{value!r} is not one of [10, 30, 60] or a multiple of 60"},
    {"E3633", NULL, NULL, NULL, "'StartingPosition' is a required property"},
    {"E3634", NULL, NULL, NULL, "Additional properties are not allowed ('StartingPosition')"},
    {"E3636", NULL, NULL, NULL, "{message} when using 'Type' of 'S3'"},
    {"E3638", NULL, NULL, NULL, "Additional properties are not allowed ('ProvisionedThroughput')"},
    {"E3639", NULL, NULL, NULL, "'ProvisionedThroughput' is a required property"},
    {"E3660", NULL, NULL, NULL, "{message} when not specifying one of ['Body', 'BodyS3Location']"},
    {"E3661", NULL, NULL, NULL, "{message}"},
    {"E3663", NULL, NULL, NULL,
     "{name!r} is a reserved variable name, one of ['_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', "
     "'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', "
     "'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', "
     "'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', "
     "'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR']"},
    {"E3671", "E3034", NULL, NULL, "{message}"},
    {"E3671", NULL, NULL, NULL, "'Iops' is a required property when 'VolumeType' has a value of {VolumeType!r}"},
    {"E3674", NULL, NULL, NULL, "'Primary' cannot be True when 'PrivateIpAddress' is specified"},
    {"E3677", NULL, NULL, NULL, "{message}"},
    {"E3678", NULL, NULL, NULL, "{message}"},
    {"E3682", NULL, NULL, NULL,
     "Additional properties are not allowed ({present!r:AllocatedStorage,BackupRetentionPeriod,CopyTagsToSnapshot,"
     "DeletionProtection,EnableIAMDatabaseAuthentication,MasterUserPassword,StorageEncrypted})"},
    {"E3685", NULL, NULL, NULL, "Container image functions cannot specify Handler, Runtime, or Layers properties"},
    {"E3686", "false", "EngineMode", "serverless|provisioned",
     "EngineMode {EngineMode!r}  doesn't allow additional properties {key!r}"},
    {"E3686", "false", NULL, NULL, "Additional properties are not allowed ({key!r})"},
    {"E3686", NULL, NULL, NULL, "{message}"},
    {"E3687", NULL, NULL, NULL, "['FromPort', 'ToPort'] are required properties when using 'IpProtocol' value {IpProtocol!r}"},
    {"E3688", NULL, NULL, NULL, "Both ['FromPort', 'ToPort'] must be -1 when one is -1"},
    {"E3689", NULL, NULL, NULL, "You must have 'MonitoringRoleArn' specified with 'MonitoringInterval' greater than 0"},
    {"E3696", NULL, NULL, NULL,
     "LogLevel is not supported when LogFormat is set to 'Text'. Remove LogLevel from your request or change the LogFormat to 'JSON'"},
    {"E3698", NULL, NULL, NULL, "{message}"},
    {"E3699", NULL, NULL, NULL, "{message}"},
    {"E3705", NULL, NULL, NULL, "{message}"},
    {"E3706", NULL, NULL, NULL, "{message}"},
    {"E3707", NULL, NULL, NULL, "{message}"},
    {"E3708", NULL, NULL, NULL, "{message}"},
    {"E3709", NULL, NULL, NULL, "{message}"},
    {"E3715", NULL, NULL, NULL,
     "{VirtualName!r} is not a valid ephemeral device name. Expected format is 'ephemeralN' where N is 0-23"},
    {"E3718", NULL, NULL, NULL,
     "AuthorizerResultTtlInSeconds {AuthorizerResultTtlInSeconds} exceeds maximum of 3600 for {Type!r} authorizers"},
    {"E3720", NULL, NULL, NULL, "{message}"},
    {"E3721", NULL, NULL, NULL, "{message}"},
    {"W3664", NULL, NULL, NULL, "{message}"},
    {"W3687", NULL, NULL, NULL, "['FromPort', 'ToPort'] are ignored when using 'IpProtocol' value {IpProtocol!r}"},
    {"W3688", NULL, NULL, NULL, "Additional properties are ignored ('MasterUsername')"},
    {"W3689", NULL, NULL, NULL, "Additional properties are ignored ('MasterUsername', 'MasterUserPassword', 'StorageEncrypted')"},
    {"W3694", NULL, NULL, NULL, "{message}"},
    {"W3702", NULL, NULL, NULL, "{instance!r} uses the 'awslayer' format which may not be available"},
};

/* Rules cfn-lint runs with no functions to resolve: a value written as a
 * function (Fn::If included, below the whole value) is not judged. */
static const char *const without_functions[] = {"E3025", "E3062", "E3694"};

static bool listed(const char *const *list, size_t n, const char *rule)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], rule))
            return true;
    return false;
}

static bool reports_once(const char *rule)
{
    return listed(once, sizeof once / sizeof once[0], rule);
}

/* Is the scalar s one of the '|'-separated words? */
static bool one_of(const cf_node *s, const char *words)
{
    if (!s || s->kind != CF_SCALAR)
        return false;
    size_t n = strlen(s->u.str);
    for (const char *w = words; *w;) {
        size_t len = strcspn(w, "|");
        if (len == n && !strncmp(w, s->u.str, n))
            return true;
        w += len + (w[len] == '|');
    }
    return false;
}

/* Python's str() of a value: a string as it is, anything else its repr(). */
static void add_str(cf_buf *b, const cf_node *n)
{
    if (n && n->kind == CF_SCALAR && n->type == CF_TYPE_STR)
        buf_adds(b, n->u.str);
    else if (n)
        cf_repr(b, n);
    else
        buf_adds(b, "None");
}

static void add_repr(cf_buf *b, const cf_node *n)
{
    if (n)
        cf_repr(b, n);
    else
        buf_adds(b, "None");
}

/* Fill in a wording's text (see wordings[]). */
static char *expand(const char *text, const cf_node *inst, const cf_node *at, const char *msg)
{
    cf_buf b = {0};
    for (const char *p = text; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (!close) {
            buf_addc(&b, *p++);
            continue;
        }
        char *field = xstrndup(p + 1, (size_t)(close - p - 1));
        p = close + 1;
        char *conv = strchr(field, '!');
        bool repr = conv && !strncmp(conv, "!r", 2);
        char *list = strchr(field, ':');
        if (conv)
            *conv = '\0';
        const cf_node *obj = inst && inst->kind == CF_MAPPING ? inst : NULL;
        if (!strcmp(field, "message")) {
            buf_adds(&b, msg);
        } else if (!strcmp(field, "instance")) {
            add_repr(&b, inst);
        } else if (!strcmp(field, "value")) {
            /* a finding placed on a key is about the key's value */
            const cf_node *v = at && (at->flags & CF_NF_KEY) && at->parent ? at->parent->u.pairs[at->index].value : at;
            add_repr(&b, v);
        } else if (!strcmp(field, "name")) {
            add_repr(&b, at); /* the key itself (propertyNames) */
        } else if (!strcmp(field, "key")) {
            const cf_node *n = at;
            while (n && n->parent != inst)
                n = n->parent;
            if (n && obj)
                cf_repr_str(&b, obj->u.pairs[n->index].key->u.str, strlen(obj->u.pairs[n->index].key->u.str));
            else if (n)
                buf_printf(&b, "%u", n->index);
            else
                buf_adds(&b, "None");
        } else if (!strcmp(field, "present") && list) {
            /* the listed names the value has, in the value's order */
            buf_addc(&b, '[');
            size_t k = 0;
            for (uint32_t i = 0; obj && i < obj->len; i++) {
                const char *name = obj->u.pairs[i].key->u.str;
                size_t n = strlen(name);
                for (const char *w = list + 1; *w;) {
                    size_t len = strcspn(w, ",");
                    if (len == n && !strncmp(w, name, n)) {
                        buf_adds(&b, k++ ? ", " : "");
                        cf_repr_str(&b, name, n);
                        break;
                    }
                    w += len + (w[len] == ',');
                }
            }
            buf_addc(&b, ']');
        } else {
            const cf_node *v = obj ? cf_map_get(obj, field) : NULL;
            if (repr)
                add_repr(&b, v);
            else
                add_str(&b, v);
        }
        free(field);
    }
    return b.data ? b.data : xstrdup("");
}

static bool keyword_fits(const char *want, const char *rule, const char *msg)
{
    if (!want)
        return true;
    if (!strcmp(want, "false"))
        return !strcmp(rule, "E3012") && !strncmp(msg, "False schema does not allow ", 28);
    if (!strcmp(want, "not"))
        return !strcmp(rule, "E3012") && strstr(msg, " should not be valid under ");
    return !strcmp(want, rule);
}

static char *reword_text(const cf_validator *v, const char *keyword_rule, const cf_node *at, const char *msg);

/* A schema of one region's says so ("... in 'us-east-1'"), inside what a
 * resolved Ref restates (W1030 wraps the worded message). */
static char *reword(const cf_validator *v, const char *keyword_rule, const cf_node *at, const char *msg)
{
    const apply_ctx *a = v->reword_arg;
    char *own = reword_text(v, keyword_rule, at, msg);
    if (!a->region || !strcmp(keyword_rule, "W1030"))
        return own;
    char *out = xasprintf("%s in '%s'", own ? own : msg, a->region);
    free(own);
    return out;
}

static char *reword_text(const cf_validator *v, const char *keyword_rule, const cf_node *at, const char *msg)
{
    const apply_ctx *a = v->reword_arg;
    for (size_t i = 0; i < sizeof wordings / sizeof wordings[0]; i++) {
        const struct wording *w = &wordings[i];
        if (strcmp(w->rule, a->rule) != 0 || !keyword_fits(w->keyword, keyword_rule, msg))
            continue;
        if (w->key && !(a->instance->kind == CF_MAPPING && one_of(cf_map_get(a->instance, w->key), w->values)))
            continue;
        return expand(w->text, a->instance, at, msg);
    }
    if (reports_once(a->rule)) {
        const cf_rule *r = cf_rule_find(a->rule);
        return r ? xstrdup(r->short_desc) : NULL;
    }
    return NULL;
}

/* Properties that still work but have a better replacement. */
static const struct {
    const char *rule, *type, *property, *advice;
} legacy[] = {
    {"W3045", "AWS::S3::Bucket", "AccessControl", "Consider using 'AWS::S3::BucketPolicy' instead"},
};

static void check_legacy(cf_lint_ctx *ctx, const cf_resource *r)
{
    for (size_t i = 0; i < sizeof legacy / sizeof legacy[0]; i++) {
        const cf_pair *p = strcmp(legacy[i].type, r->type_name) ? NULL : cf_map_pair(r->properties, legacy[i].property);
        if (p)
            cf_diag_at(ctx->out, ctx->doc, legacy[i].rule, p->key, "'%s' is a legacy property. %s",
                       legacy[i].property, legacy[i].advice);
    }
}

/* The finding cfn-lint's best_match keeps: the one highest up in the value
 * (fewest steps below it), the first of those. */
static size_t best_match(const cf_diags *found, const cf_node *inst)
{
    size_t base = cf_node_depth(inst), best = 0, best_depth = (size_t)-1;
    for (size_t i = 0; i < found->n; i++) {
        const cf_node *n = found->v[i].node;
        size_t d = n ? cf_node_depth(n) : base;
        d = d > base ? d - base : 0;
        if (d < best_depth) {
            best = i;
            best_depth = d;
        }
    }
    return best;
}

/* Findings from out->v[from] on that a wording places on a property of
 * the value (cfn-lint's rule moves them there). */
static void relocate(const apply_ctx *a, size_t from)
{
    cf_diags *out = a->ctx->out;
    for (size_t i = from; i < out->n; i++) {
        for (size_t k = 0; k < sizeof wordings / sizeof wordings[0]; k++) {
            const struct wording *w = &wordings[k];
            const cf_pair *p = w->at && !strcmp(w->rule, a->rule) && !strcmp(w->text, out->v[i].message) &&
                                       a->instance->kind == CF_MAPPING
                                   ? cf_map_pair(a->instance, w->at)
                                   : NULL;
            if (!p)
                continue;
            cf_diags moved = {0};
            cf_diag_at(&moved, a->ctx->doc, a->rule, p->key, "%s", w->text);
            cf_diags old = {&out->v[i], 1, 1};
            cf_diags_clear(&old);
            out->v[i] = moved.v[0];
            free(moved.v);
            break;
        }
    }
}

/* Properties a rule compares in lower case (cfn-lint's rule lowers the
 * value before its schema sees it: 'MySQL' is 'mysql'). */
static const struct {
    const char *rule, *property;
} lowered_properties[] = {
    {"E3025", "Engine"},
    {"E3062", "Engine"},
};

/* A value with one property lowered: a shallow copy of the mapping whose
 * other entries are the template's own nodes, so findings on them are
 * placed as usual. */
typedef struct lowered_value {
    cf_node map, value;
    cf_pair *pairs;
    char *text;
} lowered_value;

/* at itself, or a copy of it with the rule's property in lower case. */
static const cf_node *lowered(const char *rule, const cf_node *at, lowered_value *low)
{
    memset(low, 0, sizeof *low);
    for (size_t i = 0; i < sizeof lowered_properties / sizeof lowered_properties[0]; i++) {
        const cf_pair *p = strcmp(lowered_properties[i].rule, rule) || at->kind != CF_MAPPING
                               ? NULL
                               : cf_map_pair(at, lowered_properties[i].property);
        if (!p || p->value->kind != CF_SCALAR || p->value->type != CF_TYPE_STR)
            continue;
        low->text = xstrdup(p->value->u.str);
        for (char *c = low->text; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        low->value = *p->value;
        low->value.u.str = low->text;
        low->map = *at;
        low->pairs = xmalloc(sizeof *low->pairs * at->len);
        memcpy(low->pairs, at->u.pairs, sizeof *low->pairs * at->len);
        low->pairs[p - at->u.pairs].value = &low->value;
        low->map.u.pairs = low->pairs;
        return &low->map;
    }
    return at;
}

static void judge(apply_ctx *a, const cf_node *at);

/* Whether the resource schema constrains the value where the extension
 * applies (cfn-lint's _has_schema_constraints: a $ref, an enum, a pattern,
 * a bound...).  Only then does cfn-lint resolve a Ref there, and the
 * extension's keyword, bound at the same place, judges the values it
 * resolves to. */
static bool resource_schema_constrains(const apply_ctx *a)
{
    static const char *const constraining[] = {"$ref", "enum", "const", "pattern", "minLength", "maxLength",
                                               "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                                               "multipleOf", "format", "allOf", "anyOf", "oneOf", "not", "if"};
    const char *region = a->region ? a->region : a->ctx->opts->nregions ? a->ctx->opts->regions[0] : "us-east-1";
    const cf_node *root = cf_spec_schema(a->ctx->spec, a->type, region), *s = root;
    const char *p = a->path;
    while (s && *p) {
        size_t len = strcspn(p, "/");
        for (int hops = 0; hops < 8 && cf_map_get(s, "$ref") && cf_map_get(s, "$ref")->kind == CF_SCALAR; hops++)
            s = cf_schema_ref(root, cf_map_get(s, "$ref")->u.str);
        if (len == 1 && *p == '*')
            s = cf_map_get(s, "items");
        else
            s = cf_map_pair_n(cf_map_get(s, "properties"), p, len) ? cf_map_pair_n(cf_map_get(s, "properties"), p, len)->value
                                                                  : NULL;
        p += len + (p[len] == '/');
    }
    for (size_t i = 0; s && s->kind == CF_MAPPING && i < sizeof constraining / sizeof *constraining; i++)
        if (cf_map_get(s, constraining[i]))
            return true;
    return false;
}

static void apply(const cf_node *at, void *arg)
{
    apply_ctx *a = arg;
    const char *fn = cf_intrinsic_name(at);
    if (fn && !strcmp(fn, "Fn::If")) {
        /* each branch is a value of its own, as cfn-lint sees it */
        const cf_node *args = at->u.pairs[0].value;
        if (args->kind == CF_SEQUENCE && args->len == 3)
            for (uint32_t i = 1; i < 3; i++)
                if (!cf_intrinsic_name(args->u.items[i]) ||
                    strcmp(cf_intrinsic_name(args->u.items[i]), "Ref") != 0 ||
                    !cf_is_str(args->u.items[i]->u.pairs[0].value, "AWS::NoValue"))
                    apply(args->u.items[i], arg);
        return;
    }
    /* a Ref is judged by the values it can take (W1030) where cfn-lint
     * resolves it; other functions are not resolved here */
    if (fn && (strcmp(fn, "Ref") || !*a->path ||
               listed(without_functions, sizeof without_functions / sizeof without_functions[0], a->rule) ||
               !resource_schema_constrains(a)))
        return;
    lowered_value low;
    judge(a, lowered(a->rule, at, &low));
    free(low.pairs);
    free(low.text);
}

static void judge(apply_ctx *a, const cf_node *at)
{
    cf_validator v;
    cf_validator_init(&v, a->ctx, a->schema);
    v.rule = a->rule;
    v.reword = reword;
    v.reword_arg = a;
    v.no_functions = listed(without_functions, sizeof without_functions / sizeof without_functions[0], a->rule);
    a->instance = at;
    size_t from = a->ctx->out->n;
    if (!reports_once(a->rule)) {
        cf_validate(&v, a->schema, at);
        relocate(a, from);
        return;
    }
    cf_diags found = {0};
    v.sink = &found;
    cf_validate(&v, a->schema, at);
    if (found.n) {
        size_t b = best_match(&found, at);
        cf_diags *out = a->ctx->out;
        GROW(out->v, out->cap, out->n + 1);
        out->v[out->n++] = found.v[b];
        found.v[b] = found.v[--found.n];
        relocate(a, from);
    }
    cf_diags_free(&found);
}

/* The first entry of `applied` for a type (or where it would be). */
static size_t first_applied(const char *type)
{
    size_t lo = 0, hi = sizeof applied / sizeof applied[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(applied[mid].type, type) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The spec entry of an applied schema, "entry/file", or "entry/file@region"
 * for one that differs by region.  Put together in one reused buffer:
 * this runs for every resource of the types listed. */
static const char *entry_name(cf_buf *b, const applied_schema *a, const char *region)
{
    buf_reset(b);
    buf_adds(b, a->entry);
    buf_addc(b, '/');
    buf_adds(b, a->file);
    if (region) {
        buf_addc(b, '@');
        buf_adds(b, region);
    }
    return b->data;
}

/* Properties a schema can only judge when all are written as plain
 * scalars (its "if" requires them and it runs with no functions): without
 * them its (large) schema is not even read.  E3062's table of instance
 * classes by engine and version is 20 MB decoded. */
static const struct {
    const char *rule, *properties[4];
} needs[] = {
    {"E3062", {"Engine", "EngineVersion", "DBInstanceClass"}},
};

static bool may_apply(const applied_schema *a, const cf_node *props)
{
    for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++) {
        if (strcmp(needs[i].rule, a->rule))
            continue;
        for (const char *const *p = needs[i].properties; *p; p++) {
            const cf_node *v = cf_map_get(props, *p);
            if (!v || v->kind != CF_SCALAR || v->type == CF_TYPE_NULL)
                return false;
        }
    }
    return true;
}

static void check(cf_lint_ctx *ctx)
{
    if (!ctx->spec)
        return;
    cf_buf name = {0};
    /* the longest family on large templates: a given-up lint stops here too */
    for (size_t i = 0; i < ctx->tpl->nres && !cf_lint_cancelled(ctx); i++) {
        const cf_resource *r = &ctx->tpl->res[i];
        if (!r->walked || !r->type_name || !r->properties || r->properties->kind != CF_MAPPING)
            continue;
        check_legacy(ctx, r);
        for (size_t k = first_applied(r->type_name); k < sizeof applied / sizeof applied[0]; k++) {
            if (strcmp(applied[k].type, r->type_name) != 0)
                break;
            if (!may_apply(&applied[k], r->properties))
                continue;
            const cf_node *schema = cf_spec_entry(ctx->spec, entry_name(&name, &applied[k], NULL));
            for (size_t g = 0; g < ctx->opts->nregions; g++) {
                const cf_node *s = schema;
                if (!s) {
                    /* a schema per region: this region's, else the one for all */
                    s = cf_spec_entry(ctx->spec, entry_name(&name, &applied[k], ctx->opts->regions[g]));
                    if (!s)
                        s = cf_spec_entry(ctx->spec, entry_name(&name, &applied[k], "all"));
                }
                if (!s)
                    continue;
                apply_ctx a = {ctx, s, applied[k].rule, NULL, s == schema ? NULL : ctx->opts->regions[g],
                               r->type_name, applied[k].path};
                cf_each_at_path(r->properties, applied[k].path, apply, &a);
                if (s == schema)
                    break; /* the same schema for every region */
            }
        }
    }
    buf_free(&name);
}

CF_FAMILY(family_extensions, "extensions", check, rules);
