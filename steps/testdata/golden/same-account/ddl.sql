CREATE EXTERNAL TABLE IF NOT EXISTS track_positions (
  vehicle_id bigint,
  gps_time bigint,
  lon double,
  lat double
)
STORED BY 'com.aliyun.odps.TableStoreStorageHandler'
WITH SERDEPROPERTIES (
  'tablestore.columns.mapping'=':vid,:gt,longitude,latitude',
  'tablestore.table.name'='vehicle_track',
  'odps.properties.rolearn'='acs:ram::1111111111111111:role/aliyunodpsroleforotheruser'
)
LOCATION 'tablestore://fleet1.cn-shanghai.ots-internal.aliyuncs.com';
