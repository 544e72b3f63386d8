# identities: Check which accounts the credentials belong to (AccountId must be A's and B's UID)
aliyun sts GetCallerIdentity --profile a  # account A: 1111111111111111
aliyun sts GetCallerIdentity --profile b  # account B: 2222222222222222
# project: Check that the MaxCompute project exists in account B (the wizard does not create projects)
aliyun maxcompute GET /api/v1/projects/demo_project --endpoint maxcompute.cn-hangzhou.aliyuncs.com --region cn-hangzhou --profile b
# role: Create the RAM role in account A; its trust policy admits 2222222222222222@odps.aliyuncs.com
aliyun ram CreateRole --RoleName AliyunODPSRoleForOtherUser --AssumeRolePolicyDocument '{"Version":"1","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole"],"Principal":{"Service":["2222222222222222@odps.aliyuncs.com"]}}]}' --profile a
# policy: Create the permission policy in account A
aliyun ram CreatePolicy --PolicyName AliyunODPSRolePolicyForOtherUser --PolicyDocument '{"Version":"1","Statement":[{"Effect":"Allow","Action":["ots:DescribeTable","ots:GetRow","ots:GetRange","ots:BatchGetRow","ots:ComputeSplitPointsBySize","ots:PutRow","ots:UpdateRow","ots:DeleteRow","ots:BatchWriteRow"],"Resource":["acs:ots:cn-hangzhou:1111111111111111:instance/cap1/table/vehicle_track"]},{"Effect":"Allow","Action":["ots:ListTable"],"Resource":["acs:ots:cn-hangzhou:1111111111111111:instance/cap1","acs:ots:cn-hangzhou:1111111111111111:instance/cap1/table/*"]}]}' --profile a
# attachment: Attach the policy to the role
aliyun ram AttachPolicyToRole --PolicyType Custom --PolicyName AliyunODPSRolePolicyForOtherUser --RoleName AliyunODPSRoleForOtherUser --profile a
# instance: Create the Tablestore instance (the CLI cannot infer the OTS endpoint, so it is given)
aliyun ots InsertInstance --endpoint ots.cn-hangzhou.aliyuncs.com --region cn-hangzhou --InstanceName cap1 --ClusterType HYBRID --Network NORMAL --profile a
# table: Create the table with the Tablestore CLI (ts); the aliyun CLI has no Tablestore data-plane command, and the console works too
# in the Tablestore CLI, with account A's AccessKey:
config --endpoint https://cap1.cn-hangzhou.ots.aliyuncs.com --instance cap1
create -t vehicle_track --pk '[{"c":"vid","t":"integer"},{"c":"gt","t":"integer"}]' --ttl -1 --version 1
# sample rows: Read one row to learn a key for the verification query
# in the Tablestore CLI, after the config above:
use --wc -t vehicle_track
scan --limit 1
# external table: Create the external table in account B's project (odpscmd configured for account B)
odpscmd --project=demo_project -e 'CREATE EXTERNAL TABLE IF NOT EXISTS vehicle_track_ext (
  vid bigint,
  gt bigint,
  longitude double,
  latitude double,
  distance double,
  speed double,
  oil_consumption double
)
STORED BY '\''com.aliyun.odps.TableStoreStorageHandler'\''
WITH SERDEPROPERTIES (
  '\''tablestore.columns.mapping'\''='\'':vid,:gt,longitude,latitude,distance,speed,oil_consumption'\'',
  '\''tablestore.table.name'\''='\''vehicle_track'\'',
  '\''odps.properties.rolearn'\''='\''acs:ram::1111111111111111:role/aliyunodpsroleforotheruser'\'',
  '\''tablestore.table.put.row'\''='\''true'\''
)
LOCATION '\''tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com'\'';'
# verify: Run the verification query
odpscmd --project=demo_project -e 'SELECT vid, gt, longitude, latitude, distance, speed, oil_consumption FROM vehicle_track_ext WHERE vid = 10001 AND gt = 1717200000000 LIMIT 10;'
