# identities: Check which accounts the credentials belong to (AccountId must be A's and B's UID)
aliyun sts GetCallerIdentity --profile a  # account A: 1111111111111111
aliyun sts GetCallerIdentity --profile a  # account B: 1111111111111111
# project: Check that the MaxCompute project exists in account B (the wizard does not create projects)
aliyun maxcompute GET /api/v1/projects/fleet_analytics --endpoint maxcompute.cn-shanghai.aliyuncs.com --region cn-shanghai --profile a
# role: Create the RAM role in account A; its trust policy admits odps.aliyuncs.com
aliyun ram CreateRole --RoleName AliyunODPSRoleForOtherUser --AssumeRolePolicyDocument '{"Version":"1","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole"],"Principal":{"Service":["odps.aliyuncs.com"]}}]}' --profile a
# policy: Create the permission policy in account A
aliyun ram CreatePolicy --PolicyName AliyunODPSRolePolicyForOtherUser --PolicyDocument '{"Version":"1","Statement":[{"Effect":"Allow","Action":["ots:ListTable","ots:DescribeTable","ots:GetRow","ots:GetRange","ots:BatchGetRow","ots:ComputeSplitPointsBySize"],"Resource":["acs:ots:cn-shanghai:1111111111111111:instance/fleet1","acs:ots:cn-shanghai:1111111111111111:instance/fleet1/table/*"]}]}' --profile a
# attachment: Attach the policy to the role
aliyun ram AttachPolicyToRole --PolicyType Custom --PolicyName AliyunODPSRolePolicyForOtherUser --RoleName AliyunODPSRoleForOtherUser --profile a
# instance: Create the Tablestore instance (the CLI cannot infer the OTS endpoint, so it is given)
aliyun ots InsertInstance --endpoint ots.cn-shanghai.aliyuncs.com --region cn-shanghai --InstanceName fleet1 --ClusterType SSD --Network NORMAL --profile a
# table: Create the table with the Tablestore CLI (ts); the aliyun CLI has no Tablestore data-plane command, and the console works too
# in the Tablestore CLI, with account A's AccessKey:
config --endpoint https://fleet1.cn-shanghai.ots.aliyuncs.com --instance fleet1
create -t vehicle_track --pk '[{"c":"vid","t":"integer"},{"c":"gt","t":"integer"}]' --ttl -1 --version 1
# sample rows: Read one row to learn a key for the verification query
# in the Tablestore CLI, after the config above:
use --wc -t vehicle_track
scan --limit 1
# external table: Create the external table in account B's project (odpscmd configured for account B)
odpscmd --project=fleet_analytics -e 'CREATE EXTERNAL TABLE IF NOT EXISTS track_positions (
  vehicle_id bigint,
  gps_time bigint,
  lon double,
  lat double
)
STORED BY '\''com.aliyun.odps.TableStoreStorageHandler'\''
WITH SERDEPROPERTIES (
  '\''tablestore.columns.mapping'\''='\'':vid,:gt,longitude,latitude'\'',
  '\''tablestore.table.name'\''='\''vehicle_track'\'',
  '\''odps.properties.rolearn'\''='\''acs:ram::1111111111111111:role/aliyunodpsroleforotheruser'\''
)
LOCATION '\''tablestore://fleet1.cn-shanghai.ots-internal.aliyuncs.com'\'';'
# verify: Run the verification query
odpscmd --project=fleet_analytics -e 'SELECT vehicle_id, gps_time, lon, lat FROM track_positions WHERE vehicle_id = 10001 LIMIT 10;'
