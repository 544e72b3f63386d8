SELECT vid, gt, longitude, latitude, distance, speed, oil_consumption FROM vehicle_track_ext WHERE vid = 1001 AND gt = 1500000000 LIMIT 10;
