SELECT vid, gt, longitude, latitude, distance, speed, oil_consumption FROM vehicle_track_ext LIMIT 10;
