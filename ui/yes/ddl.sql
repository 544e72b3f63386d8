CREATE EXTERNAL TABLE IF NOT EXISTS vehicle_track_ext (
  vid bigint,
  gt bigint,
  longitude double,
  latitude double,
  distance double,
  speed double,
  oil_consumption double
)
STORED BY 'com.aliyun.odps.TableStoreStorageHandler'
WITH SERDEPROPERTIES (
  'tablestore.columns.mapping'=':vid,:gt,longitude,latitude,distance,speed,oil_consumption',
  'tablestore.table.name'='vehicle_track',
  'odps.properties.rolearn'='acs:ram::1111111111111111:role/aliyunodpsroleforotheruser'
)
LOCATION 'tablestore://cap1.cn-hangzhou.ots-internal.aliyuncs.com';
