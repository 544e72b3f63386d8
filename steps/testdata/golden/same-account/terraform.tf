# Account A (1111111111111111): what MaxCompute in account B (1111111111111111) needs to read
# Tablestore. The external table itself is created in account B with the DDL.
# role_name and assume_role_policy_document need alicloud provider 1.252.0 or later.
terraform {
  required_providers {
    alicloud = {
      source  = "aliyun/alicloud"
      version = ">= 1.252.0"
    }
  }
}

provider "alicloud" {
  region  = "cn-shanghai"
  profile = "a"
}

resource "alicloud_ram_role" "odps" {
  role_name   = "AliyunODPSRoleForOtherUser"
  description = "Lets MaxCompute read Tablestore through an external table"
  assume_role_policy_document = jsonencode({
    Version = "1"
    Statement = [
      {
        Effect = "Allow"
        Action = ["sts:AssumeRole"]
        Principal = {
          Service = ["odps.aliyuncs.com"]
        }
      },
    ]
  })
}

resource "alicloud_ram_policy" "odps" {
  policy_name = "AliyunODPSRolePolicyForOtherUser"
  description = "Tablestore read access for MaxCompute external tables"
  policy_document = jsonencode({
    Version = "1"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "ots:ListTable",
          "ots:DescribeTable",
          "ots:GetRow",
          "ots:GetRange",
          "ots:BatchGetRow",
          "ots:ComputeSplitPointsBySize",
        ]
        Resource = [
          "acs:ots:cn-shanghai:1111111111111111:instance/fleet1",
          "acs:ots:cn-shanghai:1111111111111111:instance/fleet1/table/*",
        ]
      },
    ]
  })
}

resource "alicloud_ram_role_policy_attachment" "odps" {
  role_name   = alicloud_ram_role.odps.role_name
  policy_name = alicloud_ram_policy.odps.policy_name
  policy_type = "Custom"
}

resource "alicloud_ots_instance" "data" {
  name          = "fleet1"
  instance_type = "HighPerformance"
  accessed_by   = "Any"
}

resource "alicloud_ots_table" "data" {
  instance_name = alicloud_ots_instance.data.name
  table_name    = "vehicle_track"
  time_to_live  = -1
  max_version   = 1

  primary_key {
    name = "vid"
    type = "Integer"
  }

  primary_key {
    name = "gt"
    type = "Integer"
  }
}
