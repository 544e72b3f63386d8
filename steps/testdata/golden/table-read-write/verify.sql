SELECT vid, gt, longitude, latitude, distance, speed, oil_consumption FROM vehicle_track_ext WHERE vid = 10001 AND gt = 1717200000000 LIMIT 10;
